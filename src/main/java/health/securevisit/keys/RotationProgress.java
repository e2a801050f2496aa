package health.securevisit.keys;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Progress of one rotation: {@code done} of {@code total} data keys re-wrapped to {@code
 * kekVersion}.
 *
 * @param state {@code running} or {@code completed}
 * @param destroyedVersions the retired KEK versions destroyed when it completed
 */
public record RotationProgress(
        UUID id,
        int kekVersion,
        String state,
        long done,
        long total,
        Instant started,
        @Nullable Instant finished,
        List<Integer> destroyedVersions) {

    public boolean completed() {
        return "completed".equals(state);
    }
}
