package health.securevisit.audit.internal;

import health.securevisit.keys.CheckpointSigner;
import health.securevisit.platform.PlatformSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.springframework.stereotype.Component;

/**
 * What outside parties can keep: the append-only file {@code checkpoints} (each signed note followed
 * by a blank line, fsynced) and the public key ({@code checkpoint-key.pem} and the note verifier key
 * {@code checkpoint-key.vkey}) in the publish directory (default DATA_DIR/audit).
 */
@Component
class Publication {

    static final String CHECKPOINTS = "checkpoints";
    static final String KEY_PEM = "checkpoint-key.pem";
    static final String KEY_VKEY = "checkpoint-key.vkey";

    private final Path dir;
    private final String origin;

    Publication(AuditSettings settings, PlatformSettings platform) {
        this.dir = settings.publishDir(platform.dataDir());
        this.origin = settings.origin();
    }

    Path directory() {
        return dir;
    }

    void publishKey(CheckpointSigner signer) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(KEY_PEM), signer.publicKeyPem());
            Files.writeString(dir.resolve(KEY_VKEY), CheckpointNote.verifierKey(origin, signer.publicKey()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the checkpoint key in " + dir, e);
        }
    }

    synchronized void append(String note) {
        try (FileChannel ch = FileChannel.open(
                dir.resolve(CHECKPOINTS),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap((note + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + dir.resolve(CHECKPOINTS), e);
        }
    }
}
