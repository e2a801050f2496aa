package health.securevisit.backup.internal;

import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.subtle.Ed25519Verify;
import health.securevisit.backup.internal.BackupFormat.Header;
import health.securevisit.backup.internal.BackupFormat.Manifest;
import health.securevisit.keys.SealedKeyring;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Reads a backup file and checks it before anything is written: its layout, the SHA-256 of the header
 * and of the payload against the manifest, the manifest's Ed25519 signature (with the given public
 * key, else the key of the backup's own keyring, opened with the master key), and that the keyring
 * unwraps the data key. Any failure is one line, and nothing has been written.
 */
final class BackupReader {

    /** A backup whose signature and digests were checked. */
    record Verified(Path file, Header header, Manifest manifest, StreamingAead aead, long payloadOffset) {

        /** The payload, decrypted and authenticated segment by segment as it is read. */
        InputStream openPayload() throws IOException {
            FileChannel channel =
                    FileChannel.open(file, StandardOpenOption.READ).position(payloadOffset);
            InputStream bounded = new BufferedInputStream(
                    new BoundedInputStream(Channels.newInputStream(channel), manifest.payloadBytes()), 1 << 16);
            try {
                return aead.newDecryptingStream(bounded, BackupFormat.payloadAad(header.id()));
            } catch (GeneralSecurityException e) {
                bounded.close();
                throw new BackupFailure("the backup's payload cannot be decrypted (altered)");
            }
        }
    }

    private BackupReader() {}

    /**
     * @param publicKey the raw Ed25519 public key to trust, or null for the one in the backup's keyring
     * @param keyArgs {@code --securevisit.*} arguments naming the master key (the environment also counts)
     */
    static Verified verify(Path file, byte @Nullable [] publicKey, String[] keyArgs) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BackupFailure("there is no backup file " + file);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int tail = 4 + BackupFormat.END.length;
            if (size < BackupFormat.MAGIC.length + 4 + tail + BackupFormat.SIGNATURE_BYTES) {
                throw notABackup(file);
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            byte[] magic = in.readNBytes(BackupFormat.MAGIC.length);
            int headerLength = in.readInt();
            if (!Arrays.equals(magic, BackupFormat.MAGIC)
                    || headerLength <= 0
                    || headerLength > BackupFormat.MAX_HEADER_BYTES
                    || headerLength > size - tail) {
                throw notABackup(file);
            }
            byte[] headerBytes = in.readNBytes(headerLength);
            ByteBuffer end = ByteBuffer.allocate(tail);
            channel.read(end, size - tail);
            int manifestLength = end.flip().getInt();
            byte[] endMagic = new byte[BackupFormat.END.length];
            end.get(endMagic);
            long payloadOffset = BackupFormat.MAGIC.length + 4L + headerLength;
            long manifestOffset = size - tail - BackupFormat.SIGNATURE_BYTES - manifestLength;
            if (!Arrays.equals(endMagic, BackupFormat.END)
                    || manifestLength <= 0
                    || manifestLength > BackupFormat.MAX_MANIFEST_BYTES
                    || manifestOffset < payloadOffset) {
                throw new BackupFailure(file + " is truncated or not a SecureVisit backup (its end is missing)");
            }
            ByteBuffer signed = ByteBuffer.allocate(manifestLength + BackupFormat.SIGNATURE_BYTES);
            channel.read(signed, manifestOffset);
            byte[] manifestBytes = Arrays.copyOf(signed.array(), manifestLength);
            byte[] signature = Arrays.copyOfRange(signed.array(), manifestLength, signed.capacity());

            Header header = parse(headerBytes, Header.class, "header");
            Manifest manifest = parse(manifestBytes, Manifest.class, "manifest");
            SealedKeyring keyring = SealedKeyring.open(header.keyring(), keyArgs);
            checkSignature(manifestBytes, signature, publicKey != null ? publicKey : keyring.signingPublicKey());
            // Signed from here: compare what the manifest says with what the file holds.
            if (!BackupFormat.FORMAT.equals(manifest.format())
                    || !manifest.id().equals(header.id())
                    || !manifest.database().equals(header.database())
                    || !manifest.headerSha256()
                            .equals(Digests.hex(Digests.sha256().digest(headerBytes)))) {
                throw altered("its header does not match the signed manifest");
            }
            if (manifest.payloadBytes() != manifestOffset - payloadOffset) {
                throw altered("its payload has the wrong length");
            }
            channel.position(payloadOffset);
            MessageDigest digest = Digests.sha256();
            try (InputStream payload =
                    new BoundedInputStream(Channels.newInputStream(channel), manifest.payloadBytes())) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = payload.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            if (!manifest.payloadSha256().equals(Digests.hex(digest.digest()))) {
                throw altered("its payload does not match the signed digest");
            }
            StreamingAead aead = keyring.unwrap(header.id(), header.kekVersion(), header.wrappedKey());
            return new Verified(file, header, manifest, aead, payloadOffset);
        } catch (NoSuchFileException e) {
            throw new BackupFailure("there is no backup file " + file);
        } catch (GeneralSecurityException e) {
            throw altered("its data key does not unwrap");
        }
    }

    private static void checkSignature(byte[] manifest, byte[] signature, byte[] publicKey) {
        try {
            new Ed25519Verify(publicKey).verify(signature, BackupFormat.signed(manifest));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw altered("its signature does not verify with the trusted public key");
        }
    }

    private static <T> T parse(byte[] json, Class<T> type, String part) {
        try {
            T value = BackupFormat.JSON.readValue(json, type);
            if (value == null) {
                throw altered("its " + part + " is empty");
            }
            return value;
        } catch (JacksonException e) {
            throw altered("its " + part + " cannot be read");
        }
    }

    private static BackupFailure notABackup(Path file) {
        return new BackupFailure(file + " is not a SecureVisit backup (or is truncated)");
    }

    private static BackupFailure altered(String what) {
        return new BackupFailure("the backup was altered or damaged: " + what + "; nothing was restored");
    }
}
