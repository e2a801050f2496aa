package health.securevisit.detection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stored security alert (table {@code security_alert}): from a detection rule ({@code kind} is the
 * rule id) or from the identity module's events. Identifiers and codes only, no PHI.
 *
 * @param linkedEntries sequence numbers of the audit entries that made it fire (empty in lists)
 */
public record SecurityAlert(
        UUID id,
        String kind,
        @Nullable String title,
        String severity,
        AlertStatus status,
        @Nullable UUID actorId,
        @Nullable UUID patientId,
        @Nullable UUID assignee,
        int hits,
        Instant createdAt,
        @Nullable Instant updatedAt,
        List<Long> linkedEntries) {}
