package health.securevisit.audit.internal;

import health.securevisit.platform.PlatformSettings;
import health.securevisit.platform.StartupException;
import health.securevisit.platform.internal.DatabaseTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code securevisit audit verify [--full] [--state DIR] [--tiles DIR] [--public-key FILE] [--checkpoints FILE]}:
 * verifies the trail in the configured database with plain JDBC (no server, no data directory lock,
 * read-only), trusting only the public key (default: the one the server published in
 * DATA_DIR/audit). By default it continues from its own signed record of the last checkpoint it
 * proved (in the state directory, default DATA_DIR/audit/verifier): the entries after it, the
 * checkpoints from it on, and a consistency proof from it. {@code --full} checks every entry. Both
 * hash on every core. Exit status: 0 verified, 1 tampering found, 2 usage error, 3 the trail could
 * not be read.
 */
public final class VerifyCommand {

    static final String USAGE =
            "usage: securevisit audit verify [--full] [--state DIR] [--tiles DIR] [--public-key FILE] [--checkpoints FILE]";

    private VerifyCommand() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path keyFile = null;
        Path checkpointsFile = null;
        Path stateDir = null;
        Path tilesDir = null;
        boolean full = false;
        List<String> springArgs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (List.of("--public-key", "--checkpoints", "--state", "--tiles").contains(a) && i + 1 < args.size()) {
                Path p = Path.of(args.get(++i));
                if (a.equals("--tiles")) {
                    tilesDir = p;
                } else if (a.equals("--public-key")) {
                    keyFile = p;
                } else if (a.equals("--state")) {
                    stateDir = p;
                } else {
                    checkpointsFile = p;
                }
            } else if (a.equals("--full")) {
                full = true;
            } else if (a.startsWith("--securevisit.")) {
                springArgs.add(a);
            } else {
                err.println("securevisit: audit verify: unknown argument");
                err.println(USAGE);
                return 2;
            }
        }
        try {
            StandardEnvironment env = new StandardEnvironment();
            env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(springArgs.toArray(String[]::new)));
            Binder binder = Binder.get(env);
            PlatformSettings settings = binder.bindOrCreate("securevisit", PlatformSettings.class);
            Path dataDir = settings.dataDir().toAbsolutePath().normalize();
            Path publishDir =
                    binder.bind("securevisit.audit.publish-dir", Path.class).orElse(dataDir.resolve("audit"));
            TrailVerifier.TrustedKey key =
                    TrustedKeys.load(keyFile != null ? keyFile : publishDir.resolve(Publication.KEY_VKEY));
            List<String> kept = checkpointsFile == null ? List.of() : KeptCheckpoints.read(checkpointsFile);
            VerifiedRecord state = VerifiedRecord.open(stateDir != null ? stateDir : publishDir.resolve("verifier"));
            TrailVerifier.Verified from;
            try {
                from = full ? null : state.read(key).orElse(null);
            } catch (VerifiedRecord.Altered e) {
                out.println("audit verify: FAILED: the record of the last verified checkpoint");
                out.println("  problem: " + state.file() + ": " + e.getMessage()
                        + "; find out who changed it, then run audit verify --full");
                return 1;
            }
            VerificationReport report;
            try (Connection c = connect(DatabaseTarget.of(settings.db(), dataDir), dataDir)) {
                report = new TrailVerifier(key).verify(c, kept, from);
            }
            if (tilesDir != null) {
                TileCheck.check(tilesDir, key, report);
            }
            report.lines().forEach(out::println);
            if (!report.ok()) {
                return 1;
            }
            report.proven().filter(p -> from == null || p.size() > from.size()).ifPresent(p -> state.write(key, p));
            return 0;
        } catch (CannotVerify | StartupException e) {
            err.println("securevisit: audit verify: " + e.getMessage());
            return 3;
        } catch (SQLException e) {
            err.println("securevisit: audit verify: cannot read the audit trail (SQLState " + e.getSQLState() + ")");
            return 3;
        }
    }

    private static Connection connect(DatabaseTarget target, Path dataDir) throws SQLException {
        Properties props = new Properties();
        if (target.user() != null) {
            props.setProperty("user", target.user());
        }
        if (target.password() != null) {
            props.setProperty("password", target.password());
        }
        if (!target.embedded()) {
            return DriverManager.getConnection(target.url(), props);
        }
        if (!Files.exists(dataDir.resolve("db").resolve("securevisit.mv.db"))) {
            throw new CannotVerify("there is no embedded database in " + dataDir + " (SECUREVISIT_DATA_DIR)");
        }
        try {
            return DriverManager.getConnection(target.url() + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", props);
        } catch (SQLException e) {
            if (e.getErrorCode() == 90020) {
                throw new CannotVerify("the embedded H2 database in " + dataDir + " is in use by a running server"
                        + " (H2 allows one process): stop it first, or use the server's own verification"
                        + " (POST /api/v1/audit/verifications), or run on PostgreSQL");
            }
            throw e;
        }
    }

    /** A reason, in one line, why the trail could not be verified at all. */
    static final class CannotVerify extends RuntimeException {
        CannotVerify(String message) {
            super(message);
        }

        CannotVerify(String message, IOException cause) {
            super(message, cause);
        }
    }
}
