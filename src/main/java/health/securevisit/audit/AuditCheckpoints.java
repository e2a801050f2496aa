package health.securevisit.audit;

import java.time.Instant;
import java.util.Optional;

/** The latest signed checkpoint of the trail, for evidence bundles that carry it to auditors. */
public interface AuditCheckpoints {

    /**
     * @param treeSize the number of entries the checkpoint commits to
     * @param note the C2SP signed note (checkpoint body and Ed25519 signature line), verifiable with
     *     the checkpoint public key alone
     * @param signedAt when it was signed
     */
    record Signed(long treeSize, String note, Instant signedAt) {}

    Optional<Signed> latest();
}
