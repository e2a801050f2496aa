package health.securevisit.audit.internal;

import health.securevisit.audit.AuditCheckpoints;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@link AuditCheckpoints} from the stored checkpoints. */
@Component
class LatestCheckpoint implements AuditCheckpoints {

    private final Checkpoints checkpoints;

    LatestCheckpoint(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Override
    public Optional<Signed> latest() {
        return checkpoints.latest().map(c -> new Signed(c.treeSize(), c.note(), c.signedAt()));
    }
}
