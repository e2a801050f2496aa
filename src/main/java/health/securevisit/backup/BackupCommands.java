package health.securevisit.backup;

import health.securevisit.backup.internal.BackupCli;
import java.io.PrintStream;
import java.util.List;

/** The {@code backup} and {@code restore} commands of the command line (docs/backup.md). */
public final class BackupCommands {

    public static final String USAGE = """
              backup FILE  write an encrypted, signed backup of the database, the vault's blobs and the
                           sealed keyring (never the master key) to FILE (server stopped; a running
                           server is backed up with POST /api/v1/backups)
              restore [--public-key FILE] FILE
                           check the backup's signature, then restore it into the empty data directory
                           (and empty PostgreSQL database) of the settings; exit 3 if not empty
              restore --drill [--public-key FILE] FILE
                           timed restore drill: restore into a throw-away copy, verify the audit trail,
                           read a patient and an artifact back, record the drill (server stopped)
            """;

    private BackupCommands() {}

    /** {@code securevisit backup FILE [--securevisit.*=...]}; returns the exit status. */
    public static int backup(Class<?> application, List<String> args, PrintStream out, PrintStream err) {
        return BackupCli.backup(application, args, out, err);
    }

    /** {@code securevisit restore [--drill] [--public-key FILE] FILE [--securevisit.*=...]}. */
    public static int restore(Class<?> application, List<String> args, PrintStream out, PrintStream err) {
        return BackupCli.restore(application, args, out, err);
    }
}
