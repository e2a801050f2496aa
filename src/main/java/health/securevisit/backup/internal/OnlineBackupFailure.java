package health.securevisit.backup.internal;

import health.securevisit.platform.SecureVisitException;

/** Why {@code POST /api/v1/backups} was refused or failed, with a stable code and no PHI. */
public final class OnlineBackupFailure extends SecureVisitException {

    private OnlineBackupFailure(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    static OnlineBackupFailure notConfigured() {
        return new OnlineBackupFailure(
                Kind.CONFLICT,
                "backup-dir-not-configured",
                "No backup directory is configured: set SECUREVISIT_BACKUP_DIR (outside the data directory)"
                        + " and restart the server.");
    }

    static OnlineBackupFailure inProgress() {
        return new OnlineBackupFailure(
                Kind.CONFLICT, "backup-in-progress", "A backup is being written; try again when it has finished.");
    }

    static OnlineBackupFailure failed() {
        return new OnlineBackupFailure(
                Kind.INTERNAL, "backup-failed", "The backup could not be written; the server log says why.");
    }
}
