package health.securevisit;

import health.securevisit.audit.AuditCommands;
import health.securevisit.backup.BackupCommands;
import health.securevisit.compliance.ComplianceCommands;
import health.securevisit.keys.KeysCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: {@code securevisit [command]}; {@code serve} is the default command. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SecureVisit {

    static final String USAGE = """
            Usage: java -jar securevisit.jar [command]

            Commands:
              serve        start the HTTPS server (the default when no command is given)
              audit verify [--full] [--state DIR] [--public-key FILE] [--checkpoints FILE]
                           check the audit trail from the last verified checkpoint, or all of it (exit 1 if tampered)
              help         show this help (also --help, -h)
            %s%s%s
            Settings come from environment variables (SECUREVISIT_DATA_DIR, SECUREVISIT_PORT,
            SECUREVISIT_DB_URL, SECUREVISIT_DB_USER, SECUREVISIT_DB_PASSWORD, SECUREVISIT_TLS_CERT,
            SECUREVISIT_TLS_KEY, SECUREVISIT_LOG_FORMAT); see README.md.
            """.formatted(KeysCommand.USAGE, BackupCommands.USAGE, ComplianceCommands.USAGE);

    /** Returned by {@link #run} when the server is up: the process keeps running. */
    static final int RUNNING = -1;

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != RUNNING) {
            System.exit(code);
        }
    }

    /**
     * Runs one command and returns the process exit code (0 ok, 1 failure, 2 usage error), or
     * {@link #RUNNING} once the server has started.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "serve" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        return switch (command) {
            case "serve" -> serve(rest, err);
            case "keys" -> KeysCommand.run(SecureVisit.class, rest, out, err);
            case "audit" -> AuditCommands.run(rest, out, err);
            case "backup" -> BackupCommands.backup(SecureVisit.class, rest, out, err);
            case "restore" -> BackupCommands.restore(SecureVisit.class, rest, out, err);
            case "evidence" -> ComplianceCommands.run(SecureVisit.class, rest, out, err);
            case "help", "--help", "-h" -> {
                out.print(USAGE);
                yield 0;
            }
            default -> {
                err.println("securevisit: unknown command '" + printable(command) + "'");
                err.print(USAGE);
                yield 2;
            }
        };
    }

    private static int serve(List<String> springArgs, PrintStream err) {
        try {
            SpringApplication.run(SecureVisit.class, springArgs.toArray(String[]::new));
            return RUNNING;
        } catch (RuntimeException e) {
            // Spring Boot has reported it: one line for a bad setting, the full trace otherwise.
            return 1;
        }
    }

    private static String printable(String s) {
        String clipped = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return clipped.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
