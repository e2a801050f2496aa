package health.securevisit.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A checkpoint in the C2SP {@code tlog-checkpoint} format, as a C2SP {@code signed-note}: the body
 * {@code origin\nsize\nbase64(root)\n}, a blank line, and one signature line {@code — name
 * base64(keyId || signature)} where the Ed25519 key id is the first 4 bytes of SHA-256(name || 0x0A
 * || 0x01 || public key) and the signature covers the body.
 */
public record CheckpointNote(String origin, long size, byte[] root) {

    private static final String DASH = "\u2014 ";
    private static final byte ED25519 = 0x01;
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    public String body() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /** The signed note: body, blank line, the signature line of {@code keyName}. */
    public String sign(String keyName, byte[] publicKey, byte[] signature) {
        byte[] keyId = keyId(keyName, publicKey);
        byte[] sig = new byte[4 + signature.length];
        System.arraycopy(keyId, 0, sig, 0, 4);
        System.arraycopy(signature, 0, sig, 4, signature.length);
        return body() + "\n" + DASH + keyName + " " + Base64.getEncoder().encodeToString(sig) + "\n";
    }

    public static byte[] keyId(String keyName, byte[] publicKey) {
        MessageDigest d = MerkleHashes.sha256();
        d.update(keyName.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0x0a);
        d.update(ED25519);
        return Arrays.copyOf(d.digest(publicKey), 4);
    }

    /** The note verifier key string ({@code name+hex(keyId)+base64(0x01 || key)}) used by Go's tooling. */
    public static String verifierKey(String keyName, byte[] publicKey) {
        byte[] typed = new byte[1 + publicKey.length];
        typed[0] = ED25519;
        System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
        return keyName + "+" + HexFormat.of().formatHex(keyId(keyName, publicKey)) + "+"
                + Base64.getEncoder().encodeToString(typed);
    }

    /**
     * Parses a signed note and verifies its signature by {@code keyName} with {@code publicKey}.
     * Returns empty if the note is malformed or no signature line of that key verifies.
     */
    public static Optional<CheckpointNote> open(String note, String keyName, byte[] publicKey) {
        int split = note.indexOf("\n\n");
        if (split < 0) {
            return Optional.empty();
        }
        String body = note.substring(0, split + 1);
        String[] lines = body.split("\n", -1);
        if (lines.length < 4 || !lines[1].matches("0|[1-9][0-9]{0,18}")) {
            return Optional.empty();
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (root.length != MerkleHashes.SIZE) {
            return Optional.empty();
        }
        byte[] wantId = keyId(keyName, publicKey);
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith(DASH + keyName + " ")) {
                continue;
            }
            byte[] sig;
            try {
                sig = Base64.getDecoder().decode(line.substring(DASH.length() + keyName.length() + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (sig.length == 68
                    && MessageDigest.isEqual(Arrays.copyOf(sig, 4), wantId)
                    && verify(publicKey, body.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(sig, 4, 68))) {
                return Optional.of(new CheckpointNote(lines[0], Long.parseLong(lines[1]), root));
            }
        }
        return Optional.empty();
    }

    static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        byte[] spki = new byte[SPKI_PREFIX.length + raw.length];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    /** The raw 32-byte key of an Ed25519 SubjectPublicKeyInfo (DER). */
    static byte[] rawKey(byte[] spki) {
        if (spki.length != SPKI_PREFIX.length + 32
                || !Arrays.equals(Arrays.copyOf(spki, SPKI_PREFIX.length), SPKI_PREFIX)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }

    private static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey(publicKey));
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckpointNote n
                && n.origin.equals(origin)
                && n.size == size
                && Arrays.equals(n.root, root);
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + Long.hashCode(size) * 17 + Arrays.hashCode(root);
    }

    @Override
    public String toString() {
        return "CheckpointNote[" + origin + ", " + size + ", "
                + Base64.getEncoder().encodeToString(root) + "]";
    }
}
