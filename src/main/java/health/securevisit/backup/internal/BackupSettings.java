package health.securevisit.backup.internal;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Backups of the running server (docs/backup.md).
 *
 * @param dir where {@code POST /api/v1/backups} writes ({@code SECUREVISIT_BACKUP_DIR}); unset: the
 *     endpoint answers 409 {@code backup-dir-not-configured}. Never inside the data directory.
 */
@ConfigurationProperties("securevisit.backup")
public record BackupSettings(@Nullable Path dir) {}
