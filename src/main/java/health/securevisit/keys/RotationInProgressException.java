package health.securevisit.keys;

import health.securevisit.platform.SecureVisitException;
import java.util.UUID;

/** Only one rotation runs at a time. */
public final class RotationInProgressException extends SecureVisitException {

    private final UUID running;

    public RotationInProgressException(UUID running) {
        super(Kind.CONFLICT, "rotation-in-progress", "A key rotation is already running: " + running + ".");
        this.running = running;
    }

    public UUID running() {
        return running;
    }
}
