package health.securevisit.keys;

import health.securevisit.platform.PlatformSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code securevisit keys <rotate|public-key>}: key administration without the web server, on a data
 * directory no server is using (a running server is told apart and the admin API named instead).
 */
public final class KeysCommand {

    public static final String USAGE = """
              keys rotate      create a new key-encryption key version and re-wrap every data key
                               (server stopped; on a running server: POST /api/v1/keys/rotations)
              keys public-key  print the audit checkpoint signing public key (PEM)
            """;
    static final long STALL_MILLIS = 60_000;

    private KeysCommand() {}

    public static int run(Class<?> application, List<String> args, PrintStream out, PrintStream err) {
        String sub = args.isEmpty() ? "" : args.getFirst();
        String[] springArgs =
                args.subList(Math.min(1, args.size()), args.size()).toArray(String[]::new);
        return switch (sub) {
            case "rotate" ->
                withKeys(
                        application,
                        springArgs,
                        err,
                        "keys rotate",
                        "POST /api/v1/keys/rotations",
                        c -> rotate(c, out, err));
            case "public-key" ->
                withKeys(application, springArgs, err, "keys public-key", "GET /api/v1/keys/signing-key", c -> {
                    out.print(c.getBean(CheckpointSigner.class).publicKeyPem());
                    return 0;
                });
            default -> {
                err.println("securevisit: keys: unknown subcommand; use one of:");
                err.print(USAGE);
                yield 2;
            }
        };
    }

    private static int withKeys(
            Class<?> application,
            String[] args,
            PrintStream err,
            String command,
            String api,
            ToIntFunction<ConfigurableApplicationContext> action) {
        Path dataDir = dataDir(args);
        if (inUse(dataDir)) {
            err.println("securevisit: " + command + ": a SecureVisit server is running on " + dataDir
                    + "; use its admin API instead: " + api);
            return 1;
        }
        String[] quiet = new String[args.length + 3];
        quiet[0] = "--securevisit.keys.warmup=0";
        quiet[1] = "--logging.level.root=ERROR";
        quiet[2] = "--logging.level.org.flywaydb=ERROR";
        System.arraycopy(args, 0, quiet, 3, args.length);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .run(quiet)) {
            return action.applyAsInt(context);
        } catch (RuntimeException e) {
            // A bad setting was reported in one line by the start-up failure reporter.
            return 1;
        }
    }

    private static int rotate(ConfigurableApplicationContext context, PrintStream out, PrintStream err) {
        KeyRotation rotation = context.getBean(KeyRotation.class);
        RotationProgress progress = rotation.running().orElse(null);
        if (progress != null) {
            out.println("keys rotate: resuming the interrupted rotation to KEK version " + progress.kekVersion());
        } else {
            progress = rotation.start();
            out.println("keys rotate: KEK version " + progress.kekVersion() + " is active; re-wrapping "
                    + progress.total() + " data key(s)");
        }
        long lastChange = System.nanoTime();
        long lastDone = -1;
        while (!progress.completed()) {
            if (progress.done() != lastDone) {
                out.println("keys rotate: " + progress.done() + "/" + progress.total());
                lastDone = progress.done();
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS)) {
                err.println("securevisit: keys rotate: no progress for 60 s; see the log (run it again to resume)");
                return 1;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
            progress = rotation.find(progress.id()).orElseThrow();
        }
        out.println("keys rotate: done: " + progress.done() + "/" + progress.total()
                + " data key(s) re-wrapped to KEK version " + progress.kekVersion()
                + (progress.destroyedVersions().isEmpty()
                        ? ""
                        : "; destroyed retired version(s) " + progress.destroyedVersions()));
        if (progress.done() < progress.total()) {
            err.println("securevisit: keys rotate: " + (progress.total() - progress.done())
                    + " data key(s) could not be re-wrapped (see the log); their KEK versions are kept");
            return 1;
        }
        return 0;
    }

    /** The data directory the command would use, resolved as the server resolves it. */
    static Path dataDir(String[] args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return Binder.get(environment)
                .bindOrCreate("securevisit", PlatformSettings.class)
                .dataDir()
                .toAbsolutePath()
                .normalize();
    }

    /** Whether a server holds the data directory's lock. */
    public static boolean inUse(Path dataDir) {
        Path lockFile = dataDir.resolve("securevisit.lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false; // the platform's own check reports an unusable data directory
        }
    }
}
