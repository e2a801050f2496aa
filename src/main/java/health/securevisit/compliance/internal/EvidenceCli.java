package health.securevisit.compliance.internal;

import health.securevisit.keys.KeysCommand;
import health.securevisit.platform.PlatformSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code securevisit evidence export FILE} and {@code securevisit evidence verify FILE --public-key
 * KEY}. Exit status: 0 written / intact, 1 refused or the bundle differs, 2 usage error. Failures are
 * one line each on standard error.
 */
public final class EvidenceCli {

    static final String USAGE_EXPORT = "securevisit: evidence: usage: securevisit evidence export FILE";
    static final String USAGE_VERIFY =
            "securevisit: evidence: usage: securevisit evidence verify FILE --public-key KEY";

    private EvidenceCli() {}

    public static int run(Class<?> application, List<String> args, PrintStream out, PrintStream err) {
        String sub = args.isEmpty() ? "" : args.getFirst();
        List<String> rest = args.subList(Math.min(1, args.size()), args.size());
        return switch (sub) {
            case "export" -> export(application, rest, out, err);
            case "verify" -> verify(rest, out, err);
            default -> {
                err.println(USAGE_EXPORT);
                err.println(USAGE_VERIFY);
                yield 2;
            }
        };
    }

    static int export(Class<?> application, List<String> args, PrintStream out, PrintStream err) {
        Path file = null;
        List<String> settingArgs = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--securevisit.")) {
                settingArgs.add(a);
            } else if (file == null && !a.startsWith("-") && !a.isBlank()) {
                file = Path.of(a).toAbsolutePath().normalize();
            } else {
                err.println(USAGE_EXPORT);
                return 2;
            }
        }
        if (file == null) {
            err.println(USAGE_EXPORT);
            return 2;
        }
        Path dataDir = dataDir(settingArgs);
        if (KeysCommand.inUse(dataDir)) {
            err.println("securevisit: evidence export: a SecureVisit server is running on " + dataDir
                    + "; download the bundle from it instead: GET /api/v1/compliance/evidence-bundle");
            return 1;
        }
        // The command listens on no port: the listeners' free-port checks must not refuse it.
        List<String> springArgs = new ArrayList<>(List.of(
                "--securevisit.keys.warmup=0",
                "--securevisit.port=0",
                "--securevisit.hub.port=0",
                "--logging.level.root=ERROR",
                "--logging.level.org.flywaydb=ERROR"));
        springArgs.addAll(settingArgs);
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(application)
                    .web(WebApplicationType.NONE)
                    .run(springArgs.toArray(String[]::new));
        } catch (RuntimeException e) {
            return 1; // a bad setting was reported in one line by the start-up failure reporter
        }
        try (context) {
            EvidenceExport.Bundle bundle = context.getBean(EvidenceExport.class).export();
            Path tmp = file.resolveSibling(file.getFileName() + ".part");
            Files.write(tmp, bundle.zip());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ComplianceReport.Summary s = bundle.report().summary();
            out.printf(
                    "evidence export: %s written: %d control(s): %d pass, %d fail, %d no evidence; report computed in %d ms;"
                            + " SHA-256 %s%n",
                    file,
                    bundle.report().controls().size(),
                    s.pass(),
                    s.fail(),
                    s.noEvidence(),
                    bundle.report().computeMillis(),
                    EvidenceBundle.sha256(bundle.zip()));
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("securevisit: evidence export: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null
                            ? ""
                            : ": " + e.getMessage().lines().findFirst().orElse("")));
            return 1;
        }
    }

    static int verify(List<String> args, PrintStream out, PrintStream err) {
        Path file = null;
        Path key = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--public-key") && i + 1 < args.size() && key == null) {
                key = Path.of(args.get(++i));
            } else if (file == null && !a.startsWith("-") && !a.isBlank()) {
                file = Path.of(a);
            } else {
                err.println(USAGE_VERIFY);
                return 2;
            }
        }
        if (file == null || key == null) {
            err.println(USAGE_VERIFY);
            return 2;
        }
        PublicKey trusted = readKey(key, err);
        if (trusted == null) {
            return 1;
        }
        if (!Files.isRegularFile(file)) {
            err.println("securevisit: evidence verify: " + file + ": no such file");
            return 1;
        }
        try {
            EvidenceBundle.Verification v = EvidenceBundle.verify(file, trusted);
            if (v.ok()) {
                out.println("evidence verify: " + file + ": intact, " + v.files()
                        + " file(s) match the manifest signed by the given key");
                return 0;
            }
            for (String problem : v.problems()) {
                err.println("securevisit: evidence verify: " + problem);
            }
            return 1;
        } catch (IOException e) {
            err.println("securevisit: evidence verify: " + file + ": unreadable ("
                    + e.getClass().getSimpleName() + ")");
            return 1;
        }
    }

    private static @Nullable PublicKey readKey(Path key, PrintStream err) {
        try {
            return EvidenceBundle.publicKey(Files.readString(key, StandardCharsets.US_ASCII));
        } catch (IOException | GeneralSecurityException e) {
            err.println("securevisit: evidence verify: --public-key " + key
                    + " is not a readable Ed25519 public key (PEM, as `securevisit keys public-key` prints it)");
            return null;
        }
    }

    private static Path dataDir(List<String> settingArgs) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new SimpleCommandLinePropertySource(settingArgs.toArray(String[]::new)));
        return Binder.get(environment)
                .bindOrCreate("securevisit", PlatformSettings.class)
                .dataDir()
                .toAbsolutePath()
                .normalize();
    }
}
