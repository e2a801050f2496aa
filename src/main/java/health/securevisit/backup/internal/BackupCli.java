package health.securevisit.backup.internal;

import health.securevisit.backup.RestoreDrill;
import health.securevisit.backup.internal.BackupFormat.Manifest;
import health.securevisit.backup.internal.BackupReader.Verified;
import health.securevisit.keys.KeysCommand;
import health.securevisit.platform.PlatformSettings;
import health.securevisit.platform.StartupException;
import health.securevisit.platform.internal.DatabaseTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code securevisit backup FILE} and {@code securevisit restore [--drill] [--public-key FILE] FILE}
 * (docs/backup.md). Exit status: 0 done (drill passed), 1 refused or failed, 2 usage error, 3 the
 * restore target is not empty. Every failure is one line.
 */
public final class BackupCli {

    static final List<String> QUIET =
            List.of("--securevisit.keys.warmup=0", "--logging.level.root=ERROR", "--logging.level.org.flywaydb=ERROR");

    private BackupCli() {}

    public static int backup(Class<?> application, List<String> args, PrintStream out, PrintStream err) {
        Parsed p = Parsed.of(args, false);
        if (p == null) {
            err.println("securevisit: backup: usage: securevisit backup FILE");
            return 2;
        }
        PlatformSettings settings = settings(p.settingArgs);
        if (KeysCommand.inUse(settings.dataDir())) {
            err.println("securevisit: backup: a SecureVisit server is running on " + settings.dataDir()
                    + "; back it up through its API instead: POST /api/v1/backups (docs/backup.md)");
            return 1;
        }
        long start = System.nanoTime();
        return withApplication(application, p.settingArgs, err, "backup", context -> {
            Manifest manifest = context.getBean(BackupWriter.class).write(p.file);
            long blobs = manifest.entries().stream()
                    .filter(e -> e.name().startsWith("blobs/"))
                    .count();
            out.printf(
                    Locale.ROOT,
                    "backup: %s written to %s (%s database, %d blob(s), %d bytes) in %.1f s%n",
                    manifest.id(),
                    p.file,
                    manifest.database(),
                    blobs,
                    manifest.payloadBytes(),
                    (System.nanoTime() - start) / 1e9);
            return 0;
        });
    }

    public static int restore(Class<?> application, List<String> args, PrintStream out, PrintStream err) {
        Parsed p = Parsed.of(args, true);
        if (p == null) {
            err.println("securevisit: restore: usage: securevisit restore [--drill] [--public-key FILE] FILE");
            return 2;
        }
        String[] settingArgs = p.settingArgs.toArray(String[]::new);
        String command = p.drill ? "restore --drill" : "restore";
        try {
            PlatformSettings settings = settings(p.settingArgs);
            Path dataDir = settings.dataDir();
            if (KeysCommand.inUse(dataDir)) {
                err.println("securevisit: " + command + ": a SecureVisit server is running on " + dataDir
                        + (p.drill ? "; stop it first (the drill is recorded in its database)" : ""));
                return 1;
            }
            long start = System.nanoTime();
            if (!p.drill) {
                DatabaseTarget database = DatabaseTarget.of(settings.db(), dataDir);
                Restorer.requireEmpty(dataDir, database);
                byte @Nullable [] key = p.publicKey == null ? null : PublicKeyFile.read(p.publicKey);
                Verified backup = BackupReader.verify(p.file, key, settingArgs);
                Restorer.restore(backup, dataDir, database);
                out.printf(
                        Locale.ROOT,
                        "restore: backup %s of %s restored into %s in %.1f s%n",
                        backup.header().id(),
                        backup.header().created(),
                        dataDir,
                        (System.nanoTime() - start) / 1e9);
                return 0;
            }
            if (!Files.isRegularFile(dataDir.resolve("keys").resolve("keyring.json"))) {
                // The drill is recorded in the installation: never create one to record it in.
                err.println("securevisit: " + command + ": " + dataDir
                        + " holds no SecureVisit installation to record the drill in (SECUREVISIT_DATA_DIR)");
                return 1;
            }
            byte @Nullable [] key = p.publicKey == null ? null : PublicKeyFile.read(p.publicKey);
            Verified backup = BackupReader.verify(p.file, key, settingArgs);
            DrillRunner.Outcome drill = DrillRunner.run(application, backup, start, settings, p.settingArgs);
            return withApplication(application, p.settingArgs, err, command, context -> {
                Clock clock = context.getBean(Clock.class);
                Duration duration = Duration.ofNanos(drill.nanos());
                RestoreDrill recorded = new RestoreDrill(
                        UUID.randomUUID().toString(),
                        clock.instant().minus(Duration.ofNanos(System.nanoTime() - start)),
                        duration,
                        backup.header().id(),
                        backup.header().created(),
                        backup.header().database(),
                        drill.passed(),
                        drill.detail());
                context.getBean(JdbcRestoreDrills.class).record(recorded);
                (drill.passed() ? out : err)
                        .printf(
                                Locale.ROOT,
                                "%srestore drill %s: %s in %.1f s (backup %s): %s%n",
                                drill.passed() ? "" : "securevisit: ",
                                recorded.id(),
                                drill.passed() ? "passed" : "FAILED",
                                duration.toMillis() / 1e3,
                                recorded.backupId(),
                                drill.detail());
                return drill.passed() ? 0 : 1;
            });
        } catch (BackupFailure e) {
            err.println("securevisit: " + command + ": " + e.getMessage());
            return e.exitCode();
        } catch (StartupException e) {
            err.println("securevisit: " + command + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("securevisit: " + command + ": " + oneLine(e));
            return 1;
        }
    }

    interface Action {
        int apply(ConfigurableApplicationContext context) throws IOException;
    }

    private static int withApplication(
            Class<?> application, List<String> settingArgs, PrintStream err, String command, Action action) {
        List<String> args = new ArrayList<>(QUIET);
        args.addAll(settingArgs);
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(application)
                    .web(WebApplicationType.NONE)
                    .run(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            // A bad setting was reported in one line by the start-up failure reporter.
            return 1;
        }
        try (context) {
            return action.apply(context);
        } catch (BackupFailure e) {
            err.println("securevisit: " + command + ": " + e.getMessage());
            return e.exitCode();
        } catch (IOException | RuntimeException e) {
            err.println("securevisit: " + command + ": " + oneLine(e));
            return 1;
        }
    }

    private static PlatformSettings settings(List<String> settingArgs) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new SimpleCommandLinePropertySource(settingArgs.toArray(String[]::new)));
        PlatformSettings s = Binder.get(environment).bindOrCreate("securevisit", PlatformSettings.class);
        return new PlatformSettings(
                s.dataDir().toAbsolutePath().normalize(), s.db(), s.logFormat(), s.maxRequestBody(), s.publicUrl());
    }

    static String oneLine(Exception e) {
        String m = e.getMessage() == null ? "" : e.getMessage().strip();
        int nl = m.indexOf('\n');
        String first = nl < 0 ? m : m.substring(0, nl);
        return e.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
    }

    /** The command line: one FILE, optional flags, and {@code --securevisit.*} settings. */
    private record Parsed(
            Path file, boolean drill, @Nullable Path publicKey, List<String> settingArgs) {

        static @Nullable Parsed of(List<String> args, boolean restore) {
            Path file = null;
            Path publicKey = null;
            boolean drill = false;
            List<String> settingArgs = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("--securevisit.")) {
                    settingArgs.add(a);
                } else if (restore && a.equals("--drill")) {
                    drill = true;
                } else if (restore && a.equals("--public-key") && i + 1 < args.size()) {
                    publicKey = Path.of(args.get(++i));
                } else if (!a.startsWith("-") && file == null && !a.isBlank()) {
                    file = Path.of(a).toAbsolutePath().normalize();
                } else {
                    return null;
                }
            }
            return file == null ? null : new Parsed(file, drill, publicKey, settingArgs);
        }
    }
}
