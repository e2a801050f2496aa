package health.securevisit.backup;

import java.time.Duration;
import java.time.Instant;

/**
 * One timed restore drill: a backup restored into a throw-away data directory (and database), its
 * audit trail verified and a sample of encrypted data read back.
 *
 * @param id the drill's id
 * @param startedAt when the restore began
 * @param duration from the start of the restore to the end of the checks
 * @param backupId the backup's id (from its signed manifest)
 * @param backupCreatedAt when the backup was taken
 * @param database {@code h2} or {@code postgresql}
 * @param passed whether the restore, the trail verification and the sample read all succeeded
 * @param detail a one-line summary (counts or the reason of the failure; no PHI)
 */
public record RestoreDrill(
        String id,
        Instant startedAt,
        Duration duration,
        String backupId,
        Instant backupCreatedAt,
        String database,
        boolean passed,
        String detail) {}
