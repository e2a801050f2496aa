package health.securevisit.audit;

import health.securevisit.audit.internal.VerifyCommand;
import java.io.PrintStream;
import java.util.List;

/** The {@code audit} commands of the command line; none starts the server. */
public final class AuditCommands {

    private AuditCommands() {}

    /** Runs {@code audit <subcommand>}; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && args.getFirst().equals("verify")) {
            return VerifyCommand.run(args.subList(1, args.size()), out, err);
        }
        err.println("securevisit: audit: expected a subcommand: verify");
        err.println("usage: securevisit audit verify [--full] [--state DIR] [--public-key FILE] [--checkpoints FILE]");
        return 2;
    }
}
