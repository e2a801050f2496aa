package health.securevisit.compliance;

import health.securevisit.compliance.internal.EvidenceCli;
import java.io.PrintStream;
import java.util.List;

/** The {@code evidence} commands of the command line (docs/compliance.md). */
public final class ComplianceCommands {

    public static final String USAGE = """
              evidence export FILE
                           compute the compliance report and write the signed evidence bundle (zip) to FILE
                           (server stopped; a running server: GET /api/v1/compliance/evidence-bundle)
              evidence verify FILE --public-key KEY
                           check a bundle offline against the PEM public key; names every changed, missing
                           or extra file; exit 1 if anything differs
            """;

    private ComplianceCommands() {}

    /** {@code securevisit evidence <export|verify> ...}; returns the exit status. */
    public static int run(Class<?> application, List<String> args, PrintStream out, PrintStream err) {
        return EvidenceCli.run(application, args, out, err);
    }
}
