package health.securevisit.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The verifier's own signed record of the last checkpoint it proved, in a state directory: {@code
 * verifier.key} (the verifier's Ed25519 private key, created on first use, owner-only), {@code
 * verifier.vkey} (its note verifier key) and {@code verified}, a C2SP signed note by that key whose
 * body names the log's key, the tree size, the root and the compact range at that size.
 *
 * <p>Security guarantees: a record altered by anyone without the verifier's private key (the
 * database's administrators, if the state directory is kept where they cannot read or write) is
 * refused; the record also binds the log key, so a record made for another log is refused. The
 * compact range is checked against the root before use (a SHA-256 collision would be needed to
 * substitute it).
 */
final class VerifiedRecord {

    static final String KEY_NAME = "securevisit-verifier";
    static final String KEY_FILE = "verifier.key";
    static final String VKEY_FILE = "verifier.vkey";
    static final String RECORD_FILE = "verified";
    private static final String HEADER = "securevisit audit verified checkpoint";

    private final Path dir;
    private final KeyPair keys;

    private VerifiedRecord(Path dir, KeyPair keys) {
        this.dir = dir;
        this.keys = keys;
    }

    /** A record that does not verify with the verifier's key, or that belongs to another log key. */
    static final class Altered extends Exception {
        Altered(String message) {
            super(message);
        }
    }

    /** Opens the state directory, creating it and the verifier's key on first use. */
    static VerifiedRecord open(Path dir) {
        try {
            Files.createDirectories(dir);
            Path keyFile = dir.resolve(KEY_FILE);
            KeyPair keys;
            if (Files.exists(keyFile)) {
                keys = load(keyFile);
            } else {
                keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                Path tmp = Files.createTempFile(
                        dir,
                        KEY_FILE,
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(
                        tmp,
                        Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()) + "\n"
                                + Base64.getEncoder()
                                        .encodeToString(keys.getPublic().getEncoded()) + "\n");
                Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(
                        dir.resolve(VKEY_FILE), CheckpointNote.verifierKey(KEY_NAME, raw(keys.getPublic())) + "\n");
            }
            return new VerifiedRecord(dir, keys);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new VerifyCommand.CannotVerify("cannot use the verifier state directory " + dir + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The key file: the PKCS#8 private key, then the SubjectPublicKeyInfo public key, base64, a line each. */
    private static KeyPair load(Path keyFile) throws IOException, GeneralSecurityException {
        String[] lines = Files.readString(keyFile).trim().split("\n");
        if (lines.length != 2) {
            throw new GeneralSecurityException("the verifier key file is damaged");
        }
        KeyFactory f = KeyFactory.getInstance("Ed25519");
        PrivateKey priv =
                f.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines[0])));
        PublicKey pub =
                f.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines[1])));
        return new KeyPair(pub, priv);
    }

    /** The record, if there is one; {@code Altered} if it does not verify or belongs to another log key. */
    Optional<TrailVerifier.Verified> read(TrailVerifier.TrustedKey logKey) throws Altered {
        String text;
        try {
            text = Files.readString(dir.resolve(RECORD_FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new VerifyCommand.CannotVerify("cannot read " + dir.resolve(RECORD_FILE));
        }
        int split = text.indexOf("\n\n");
        byte[] publicKey = raw(keys.getPublic());
        String prefix = "\u2014 " + KEY_NAME + " ";
        if (split < 0 || !text.substring(split + 2).startsWith(prefix)) {
            throw new Altered("it is not a note signed by the verifier's key");
        }
        String body = text.substring(0, split + 1);
        byte[] sig;
        try {
            sig = Base64.getDecoder()
                    .decode(text.substring(split + 2 + prefix.length()).trim());
        } catch (IllegalArgumentException e) {
            throw new Altered("its signature line is damaged");
        }
        if (sig.length != 68
                || !MessageDigest.isEqual(Arrays.copyOf(sig, 4), CheckpointNote.keyId(KEY_NAME, publicKey))
                || !verify(body, Arrays.copyOfRange(sig, 4, 68))) {
            throw new Altered("its signature does not verify with the verifier's key (altered)");
        }
        String[] lines = body.split("\n");
        if (lines.length != 5 || !lines[0].equals(HEADER)) {
            throw new Altered("its body is not a verified-checkpoint record");
        }
        if (!lines[1].equals("log-key " + logKeyId(logKey))) {
            throw new Altered("it was made for another log key (" + lines[1] + ")");
        }
        return Optional.of(new TrailVerifier.Verified(
                Long.parseLong(lines[2]),
                Base64.getDecoder().decode(lines[3]),
                Base64.getDecoder().decode(lines[4])));
    }

    /** Replaces the record (written beside it, then moved into place). */
    void write(TrailVerifier.TrustedKey logKey, TrailVerifier.Verified v) {
        String body = HEADER + "\nlog-key " + logKeyId(logKey) + "\n" + v.size() + "\n"
                + Base64.getEncoder().encodeToString(v.root()) + "\n"
                + Base64.getEncoder().encodeToString(v.frontier()) + "\n";
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(keys.getPrivate());
            s.update(body.getBytes(StandardCharsets.UTF_8));
            byte[] sig = s.sign();
            byte[] line = new byte[68];
            System.arraycopy(CheckpointNote.keyId(KEY_NAME, raw(keys.getPublic())), 0, line, 0, 4);
            System.arraycopy(sig, 0, line, 4, 64);
            String note =
                    body + "\n\u2014 " + KEY_NAME + " " + Base64.getEncoder().encodeToString(line) + "\n";
            Path tmp = Files.createTempFile(dir, RECORD_FILE, ".tmp");
            Files.writeString(tmp, note, StandardCharsets.UTF_8);
            Files.move(
                    tmp, dir.resolve(RECORD_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | GeneralSecurityException e) {
            throw new VerifyCommand.CannotVerify("cannot write " + dir.resolve(RECORD_FILE));
        }
    }

    Path file() {
        return dir.resolve(RECORD_FILE);
    }

    private boolean verify(String body, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(keys.getPublic());
            s.update(body.getBytes(StandardCharsets.UTF_8));
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String logKeyId(TrailVerifier.TrustedKey key) {
        return HexFormat.of().formatHex(Arrays.copyOf(MerkleHashes.sha256().digest(key.publicKey()), 8));
    }

    private static byte[] raw(PublicKey key) {
        return CheckpointNote.rawKey(key.getEncoded());
    }
}
