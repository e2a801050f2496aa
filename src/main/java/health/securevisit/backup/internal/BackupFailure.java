package health.securevisit.backup.internal;

/** Why a backup, restore or drill stopped, in one line without PHI or secrets, with its exit status. */
public final class BackupFailure extends RuntimeException {

    /** The backup cannot be used: unreadable, truncated, altered, or a key does not open it. */
    public static final int REFUSED = 1;
    /** The restore target (data directory or database) is not empty. */
    public static final int NOT_EMPTY = 3;

    private final int exitCode;

    BackupFailure(String message) {
        this(REFUSED, message);
    }

    BackupFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    BackupFailure(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = REFUSED;
    }

    public int exitCode() {
        return exitCode;
    }
}
