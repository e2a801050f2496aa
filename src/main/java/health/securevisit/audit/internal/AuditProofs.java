package health.securevisit.audit.internal;

import health.securevisit.audit.AuditUnavailableException;
import health.securevisit.keys.CheckpointSigner;
import health.securevisit.platform.SecureVisitException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** What a verifier asks the log for: the latest checkpoint, proofs, and the checkpoint key. */
@Component
public class AuditProofs {

    public record Inclusion(long index, long treeSize, byte[] leafHash, List<byte[]> hashes) {}

    public record Consistency(long from, long to, List<byte[]> hashes) {}

    public record PublicKey(String keyName, String keyId, String verifierKey, String pem) {}

    private final TreeReader tree;
    private final Checkpoints checkpoints;
    private final CheckpointSigner signer;
    private final AuditSettings settings;
    private final DataSource dataSource;

    AuditProofs(
            TreeReader tree,
            Checkpoints checkpoints,
            CheckpointSigner signer,
            AuditSettings settings,
            DataSource dataSource) {
        this.tree = tree;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.settings = settings;
        this.dataSource = dataSource;
    }

    public Checkpoints.Stored latestCheckpoint() {
        return checkpoints.latest().orElseThrow(NoCheckpoint::new);
    }

    public Checkpoints.@Nullable Stored latestCheckpointOrNull() {
        return checkpoints.latest().orElse(null);
    }

    public Inclusion inclusion(long index, long treeSize) {
        long size = tree.head().size();
        if (treeSize < 1 || treeSize > size || index < 0 || index >= treeSize) {
            throw new BadRange("index must be in [0, treeSize) and treeSize in [1, " + size + "]");
        }
        return new Inclusion(index, treeSize, leafHash(index), tree.inclusion(index, treeSize));
    }

    public Consistency consistency(long from, long to) {
        long size = tree.head().size();
        if (from < 1 || from > to || to > size) {
            throw new BadRange("from and to must satisfy 1 <= from <= to <= " + size);
        }
        return new Consistency(from, to, tree.consistency(from, to));
    }

    public PublicKey publicKey() {
        byte[] key = signer.publicKey();
        return new PublicKey(
                settings.origin(),
                java.util.HexFormat.of().formatHex(CheckpointNote.keyId(settings.origin(), key)),
                CheckpointNote.verifierKey(settings.origin(), key),
                signer.publicKeyPem());
    }

    private byte[] leafHash(long seq) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT leaf_hash FROM audit_entry WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AuditUnavailableException(new SQLException("entry " + seq + " is missing"));
                }
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    /** No checkpoint was signed yet (the trail is empty). */
    static final class NoCheckpoint extends SecureVisitException {
        NoCheckpoint() {
            super(Kind.NOT_FOUND, "no-checkpoint", "No checkpoint has been signed yet.");
        }
    }

    /** Proof parameters outside the tree. */
    static final class BadRange extends SecureVisitException {
        BadRange(String detail) {
            super(Kind.INVALID, "invalid-proof-range", "The proof range is invalid: " + detail + ".");
        }
    }
}
