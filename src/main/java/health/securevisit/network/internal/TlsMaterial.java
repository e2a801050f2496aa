package health.securevisit.network.internal;

import health.securevisit.platform.StartupException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A server certificate and its private key read from PEM files and checked before the listener
 * starts: readable, unencrypted key, strong enough (RSA >= 2048 bits, EC >= 256 bits), no SHA-1 or
 * MD5 signature, currently valid, and the key belongs to the certificate.
 */
record TlsMaterial(X509Certificate certificate, PrivateKey key) {

    static final String CERT = "SECUREVISIT_TLS_CERT";
    static final String KEY = "SECUREVISIT_TLS_KEY";

    static TlsMaterial load(Path certFile, Path keyFile) {
        X509Certificate cert = readCertificate(certFile);
        PrivateKey key = readKey(keyFile);
        TlsMaterial material = new TlsMaterial(cert, key);
        material.validate(Instant.now());
        return material;
    }

    void validate(Instant now) {
        checkStrength(certificate.getPublicKey(), CERT);
        checkStrength(key, KEY);
        String sigAlg = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if (sigAlg.contains("SHA1") || sigAlg.contains("MD5") || sigAlg.contains("MD2")) {
            throw new StartupException(CERT, "the certificate is signed with " + sigAlg + ", which is too weak");
        }
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new StartupException(
                    CERT,
                    "the certificate expired on " + certificate.getNotAfter().toInstant(),
                    e);
        } catch (CertificateNotYetValidException e) {
            throw new StartupException(
                    CERT,
                    "the certificate is not valid before "
                            + certificate.getNotBefore().toInstant(),
                    e);
        }
        if (!matches(certificate.getPublicKey(), key)) {
            throw new StartupException(KEY, "the private key does not belong to the certificate in " + CERT);
        }
    }

    private static X509Certificate readCertificate(Path file) {
        Object first = readPem(file, CERT);
        if (!(first instanceof X509CertificateHolder holder)) {
            throw new StartupException(CERT, file + " does not start with a PEM certificate");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new StartupException(CERT, file + " holds an unreadable certificate", e);
        }
    }

    private static PrivateKey readKey(Path file) {
        Object pem = readPem(file, KEY);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            return switch (pem) {
                case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case PEMEncryptedKeyPair encrypted ->
                    throw new StartupException(KEY, file + " is encrypted; give an unencrypted key with mode 0600");
                case PKCS8EncryptedPrivateKeyInfo encrypted ->
                    throw new StartupException(KEY, file + " is encrypted; give an unencrypted key with mode 0600");
                default -> throw new StartupException(KEY, file + " does not hold a PEM private key");
            };
        } catch (IOException e) {
            throw new StartupException(KEY, file + " holds an unreadable private key", e);
        }
    }

    private static Object readPem(Path file, String setting) {
        if (!Files.isRegularFile(file)) {
            throw new StartupException(setting, file + " does not exist or is not a file");
        }
        try (Reader reader = Files.newBufferedReader(file);
                PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            if (object == null) {
                throw new StartupException(setting, file + " holds no PEM object");
            }
            return object;
        } catch (IOException | RuntimeException e) {
            if (e instanceof StartupException startup) {
                throw startup;
            }
            throw new StartupException(
                    setting, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static void checkStrength(Key key, String setting) {
        switch (key) {
            case RSAPublicKey rsa -> requireBits(rsa.getModulus().bitLength(), 2048, "RSA", setting);
            case RSAPrivateCrtKey rsa -> requireBits(rsa.getModulus().bitLength(), 2048, "RSA", setting);
            case ECPublicKey ec -> requireBits(ec.getParams().getOrder().bitLength(), 256, "EC", setting);
            case ECPrivateKey ec -> requireBits(ec.getParams().getOrder().bitLength(), 256, "EC", setting);
            default ->
                throw new StartupException(
                        setting,
                        key.getAlgorithm() + " keys are not supported; use an EC (P-256 or stronger) or RSA key");
        }
    }

    private static void requireBits(int bits, int minimum, String algorithm, String setting) {
        if (bits < minimum) {
            throw new StartupException(
                    setting,
                    "the " + algorithm + " key of " + bits + " bits is too weak (at least " + minimum + " required)");
        }
    }

    private static boolean matches(PublicKey pub, PrivateKey priv) {
        try {
            if (pub instanceof RSAPublicKey rsa && priv instanceof RSAPrivateCrtKey crt) {
                return rsa.getModulus().equals(crt.getModulus())
                        && rsa.getPublicExponent().equals(crt.getPublicExponent());
            }
            if (pub instanceof ECPublicKey && priv instanceof ECPrivateKey) {
                Signature signer = Signature.getInstance("SHA256withECDSA");
                byte[] challenge = "securevisit-key-check".getBytes(StandardCharsets.US_ASCII);
                signer.initSign(priv);
                signer.update(challenge);
                byte[] signature = signer.sign();
                signer.initVerify(pub);
                signer.update(challenge);
                return signer.verify(signature);
            }
            return false;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
