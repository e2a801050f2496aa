package health.securevisit.hub.internal;

import java.io.IOException;
import java.io.StringReader;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Checks a hub's certificate signing request (PKCS#10, PEM): at most {@link #MAX_PEM} characters,
 * signed by the key it carries (proof of possession), and that key an ECDSA P-256 key. The subject
 * is ignored (the CA names the hub itself); a request for a subject alternative name is refused, so
 * a hub can never ask for a name other than its own.
 */
final class CsrCheck {

    static final int MAX_PEM = 8192;

    private CsrCheck() {}

    static SubjectPublicKeyInfo publicKeyOf(String pem) {
        if (pem.length() > MAX_PEM) {
            throw HubFailure.invalid("csr-invalid", "The certificate signing request is too large.");
        }
        PKCS10CertificationRequest csr = parse(pem);
        SubjectPublicKeyInfo key = csr.getSubjectPublicKeyInfo();
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)
                || !SECObjectIdentifiers.secp256r1.equals(key.getAlgorithm().getParameters())) {
            throw HubFailure.invalid(
                    "csr-key-type", "The certificate signing request must carry an ECDSA P-256 (prime256v1) key.");
        }
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw HubFailure.invalid("csr-signature", "The certificate signing request is not signed by its key.");
            }
        } catch (OperatorCreationException | PKCSException e) {
            throw HubFailure.invalid("csr-signature", "The certificate signing request is not signed by its key.");
        }
        for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (var value : attribute.getAttributeValues()) {
                Extensions extensions = Extensions.getInstance(value);
                if (extensions.getExtension(Extension.subjectAlternativeName) != null) {
                    throw HubFailure.invalid(
                            "csr-extra-names",
                            "The certificate signing request may not ask for subject alternative names;"
                                    + " the CA gives the hub its own.");
                }
            }
        }
        return key;
    }

    private static PKCS10CertificationRequest parse(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object instanceof PKCS10CertificationRequest csr && parser.readObject() == null) {
                return csr;
            }
        } catch (IOException | RuntimeException e) {
            // refused below, without echoing the input
        }
        throw HubFailure.invalid("csr-invalid", "The certificate signing request is not one PEM PKCS#10 request.");
    }
}
