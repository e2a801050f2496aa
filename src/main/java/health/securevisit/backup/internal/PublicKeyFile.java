package health.securevisit.backup.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** The raw Ed25519 key of a PEM public key file, as {@code securevisit keys public-key} prints it. */
final class PublicKeyFile {

    private PublicKeyFile() {}

    static byte[] read(Path file) {
        try (PemReader reader = new PemReader(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
            PemObject pem = reader.readPemObject();
            if (pem == null || !pem.getType().equals("PUBLIC KEY")) {
                throw notAKey(file);
            }
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(pem.getContent());
            if (!info.getAlgorithm().getAlgorithm().equals(EdECObjectIdentifiers.id_Ed25519)) {
                throw notAKey(file);
            }
            return info.getPublicKeyData().getBytes();
        } catch (IOException | IllegalArgumentException e) {
            throw notAKey(file);
        }
    }

    private static BackupFailure notAKey(Path file) {
        return new BackupFailure("--public-key " + file + " is not a readable Ed25519 public key (PEM)");
    }
}
