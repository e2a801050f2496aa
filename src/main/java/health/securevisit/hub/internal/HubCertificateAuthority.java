package health.securevisit.hub.internal;

import health.securevisit.keys.HubCaKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hubs' private CA: a self-signed CA certificate (10 years, path length 0) and a CRL, both
 * signed by the keys module's {@link HubCaKey} through BouncyCastle's builders, kept in table
 * {@code hub_ca}. Hub certificates carry exactly one subject alternative name, the URI {@code
 * urn:securevisit:hub:<id>}, and serve client authentication only.
 */
public class HubCertificateAuthority {

    static final String HUB_URI_PREFIX = "urn:securevisit:hub:";
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final X500Name CA_NAME = new X500Name("CN=SecureVisit Hub CA,O=SecureVisit");

    private final JdbcClient jdbc;
    private final HubCaKey key;
    private final HubSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public HubCertificateAuthority(JdbcClient jdbc, HubCaKey key, HubSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.key = key;
        this.settings = settings;
        this.clock = clock;
    }

    /** The CA certificate and the current CRL, created on first use and re-signed when half-way to its next update. */
    @Transactional
    public State state() {
        State state = ensureCreated();
        Instant halfway = state.crl()
                .getThisUpdate()
                .toInstant()
                .plus(settings.crlValidity().dividedBy(2));
        return clock.instant().isAfter(halfway) ? regenerateCrl() : state;
    }

    private State ensureCreated() {
        Instant now = clock.instant();
        State state = read();
        if (state == null) {
            try {
                X509Certificate ca = selfSigned(now);
                X509CRL crl = signCrl(ca, List.of(), 1, now);
                jdbc.sql("INSERT INTO hub_ca (id, certificate, crl, crl_number, crl_updated_at) VALUES (1, ?, ?, 1, ?)")
                        .params(ca.getEncoded(), crl.getEncoded(), Timestamp.from(now))
                        .update();
                return new State(ca, crl);
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                State other = read();
                if (other == null) {
                    throw new IllegalStateException("the hub CA row vanished", anotherNodeWasFirst);
                }
                return other;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot create the hub CA", e);
            }
        }
        return state;
    }

    /** Signs a new CRL listing every revoked hub certificate that has not expired yet. */
    @Transactional
    public State regenerateCrl() {
        Instant now = clock.instant();
        State current = ensureCreated();
        long number = jdbc.sql("SELECT crl_number FROM hub_ca WHERE id = 1 FOR UPDATE")
                        .query(Long.class)
                        .single()
                + 1;
        List<Revoked> revoked = jdbc.sql(
                        "SELECT serial, revoked_at FROM hub_certificate WHERE revoked_at IS NOT NULL AND not_after > ?")
                .param(Timestamp.from(now))
                .query((rs, n) -> new Revoked(
                        new BigInteger(rs.getString(1), 16), rs.getTimestamp(2).toInstant()))
                .list();
        try {
            X509CRL crl = signCrl(current.certificate(), revoked, number, now);
            jdbc.sql("UPDATE hub_ca SET crl = ?, crl_number = ?, crl_updated_at = ? WHERE id = 1")
                    .params(crl.getEncoded(), number, Timestamp.from(now))
                    .update();
            return new State(current.certificate(), crl);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the hub CRL", e);
        }
    }

    /** Issues a client certificate for {@code hubId} to the (already checked) public key. */
    X509Certificate issue(UUID hubId, SubjectPublicKeyInfo publicKey) {
        Instant now = clock.instant();
        X509Certificate ca = ensureCreated().certificate();
        byte[] serialBytes = new byte[16];
        random.nextBytes(serialBytes);
        serialBytes[0] &= 0x7f;
        BigInteger serial = new BigInteger(1, serialBytes);
        Instant notAfter = now.plus(settings.certificateValidity());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                            X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                            serial,
                            Date.from(now.minus(Duration.ofMinutes(1))),
                            Date.from(notAfter),
                            new X500Name("CN=hub " + hubId + ",O=SecureVisit hubs"),
                            publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(
                            Extension.subjectAlternativeName,
                            true,
                            new GeneralNames(
                                    new GeneralName(GeneralName.uniformResourceIdentifier, HUB_URI_PREFIX + hubId)))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca))
                    .addExtension(
                            Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey));
            X509Certificate cert = convert(builder.build(signer()));
            jdbc.sql("INSERT INTO hub_certificate (serial, hub_id, not_before, not_after, der) VALUES (?, ?, ?, ?, ?)")
                    .params(
                            serial.toString(16),
                            hubId,
                            Timestamp.from(cert.getNotBefore().toInstant()),
                            Timestamp.from(notAfter),
                            cert.getEncoded())
                    .update();
            return cert;
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a hub certificate", e);
        }
    }

    private X509Certificate selfSigned(Instant now) throws GeneralSecurityException {
        SubjectPublicKeyInfo spki =
                SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            byte[] serial = new byte[16];
            random.nextBytes(serial);
            serial[0] &= 0x7f;
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                            CA_NAME,
                            new BigInteger(1, serial),
                            Date.from(now.minus(Duration.ofMinutes(5))),
                            Date.from(now.plus(CA_VALIDITY)),
                            CA_NAME,
                            spki)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(spki));
            return convert(builder.build(signer()));
        } catch (CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private X509CRL signCrl(X509Certificate ca, List<Revoked> revoked, long number, Instant now)
            throws GeneralSecurityException {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(settings.crlValidity())));
            for (Revoked r : revoked) {
                builder.addCRLEntry(r.serial(), Date.from(r.at()), CRLReason.cessationOfOperation);
            }
            builder.addExtension(
                    Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(number)));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca));
            X509CRLHolder holder = builder.build(signer());
            return (X509CRL)
                    CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(holder.getEncoded()));
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private @org.jspecify.annotations.Nullable State read() {
        return jdbc.sql("SELECT certificate, crl FROM hub_ca WHERE id = 1")
                .query((rs, n) -> {
                    try {
                        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
                        return new State(
                                (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(rs.getBytes(1))),
                                (X509CRL) x509.generateCRL(new ByteArrayInputStream(rs.getBytes(2))));
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("the stored hub CA is unreadable", e);
                    }
                })
                .optional()
                .orElse(null);
    }

    private static X509Certificate convert(X509CertificateHolder holder) throws GeneralSecurityException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** BouncyCastle's signer interface over the keys module's key: the private key never comes here. */
    private ContentSigner signer() {
        AlgorithmIdentifier algorithm =
                new DefaultSignatureAlgorithmIdentifierFinder().find(HubCaKey.SIGNATURE_ALGORITHM);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return buffer;
            }

            @Override
            public byte[] getSignature() {
                return key.sign(buffer.toByteArray());
            }
        };
    }

    static String serialOf(X509Certificate cert) {
        return cert.getSerialNumber().toString(16);
    }

    /** The CA certificate and its current CRL. */
    public record State(X509Certificate certificate, X509CRL crl) {}

    private record Revoked(BigInteger serial, Instant at) {}
}
