package health.securevisit.keys;

import java.util.Optional;
import java.util.UUID;

/**
 * Rotation of the key-encryption key: a new KEK version becomes active at once, then every data
 * key is re-wrapped in the background while the server keeps serving. Data itself is never
 * re-encrypted. A rotation interrupted by a crash resumes at the next start. A retired KEK version
 * is destroyed as soon as no data key references it any more.
 */
public interface KeyRotation {

    /**
     * Creates a new KEK version and starts re-wrapping.
     *
     * @throws RotationInProgressException if a rotation is still running
     */
    RotationProgress start();

    Optional<RotationProgress> find(UUID id);

    /** The running rotation, if any. */
    Optional<RotationProgress> running();
}
