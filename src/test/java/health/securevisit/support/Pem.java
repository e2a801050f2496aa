package health.securevisit.support;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Test fixtures: certificates and keys of a chosen algorithm, size and validity, as PEM files. */
public final class Pem {

    private Pem() {}

    public static KeyPair keyPair(String algorithm, int size) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(size);
        return generator.generateKeyPair();
    }

    /** Writes {@code cert.pem} and {@code key.pem} into {@code dir}; returns the directory. */
    public static Path write(Path dir, KeyPair certKey, KeyPair fileKey, Instant notBefore, Instant notAfter)
            throws Exception {
        String sigAlg = certKey.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        X500Name name = new X500Name("CN=localhost");
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(
                        name, BigInteger.ONE, Date.from(notBefore), Date.from(notAfter), name, certKey.getPublic())
                .build(new JcaContentSignerBuilder(sigAlg).build(certKey.getPrivate()));
        Files.writeString(dir.resolve("cert.pem"), pem(holder));
        Files.writeString(
                dir.resolve("key.pem"),
                pem(new PemObject("PRIVATE KEY", fileKey.getPrivate().getEncoded())));
        return dir;
    }

    public static Path write(Path dir, KeyPair pair) throws Exception {
        Instant now = Instant.now();
        return write(dir, pair, pair, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
