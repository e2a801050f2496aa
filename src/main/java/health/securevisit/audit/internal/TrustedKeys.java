package health.securevisit.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Reads the verifier's trust anchor: a note verifier key ({@code name+hex(id)+base64(0x01||key)}, as
 * published in {@code checkpoint-key.vkey}) or an Ed25519 public key PEM.
 */
final class TrustedKeys {

    private TrustedKeys() {}

    static TrailVerifier.TrustedKey load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            throw new VerifyCommand.CannotVerify("no public key at " + file + ": pass --public-key FILE", e);
        } catch (IOException e) {
            throw new VerifyCommand.CannotVerify("cannot read the public key " + file, e);
        }
        try {
            return text.contains("-----BEGIN PUBLIC KEY-----") ? pem(text) : verifierKey(text);
        } catch (IllegalArgumentException e) {
            throw new VerifyCommand.CannotVerify(file + " is not an Ed25519 public key (PEM) or note verifier key");
        }
    }

    private static TrailVerifier.TrustedKey pem(String text) {
        String b64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return new TrailVerifier.TrustedKey(
                null, CheckpointNote.rawKey(Base64.getDecoder().decode(b64)));
    }

    static TrailVerifier.TrustedKey verifierKey(String text) {
        String[] parts = text.split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a verifier key");
        }
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        if (typed.length != 33 || typed[0] != 1) {
            throw new IllegalArgumentException("not an Ed25519 verifier key");
        }
        byte[] key = Arrays.copyOfRange(typed, 1, 33);
        if (!MessageDigest.isEqual(HexFormat.of().parseHex(parts[1]), CheckpointNote.keyId(parts[0], key))) {
            throw new IllegalArgumentException("key id mismatch");
        }
        return new TrailVerifier.TrustedKey(parts[0], key);
    }
}
