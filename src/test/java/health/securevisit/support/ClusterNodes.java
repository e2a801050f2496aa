package health.securevisit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Test support: two SecureVisit nodes in this JVM on one throw-away PostgreSQL database with the given
 * cluster settings, the second sharing the first's keyring and TLS certificate (as a deployment
 * shares its keys), each with its own data directory.
 */
public record ClusterNodes(RunningServer a, RunningServer b, PostgresDatabase db) implements AutoCloseable {

    public static ClusterNodes start(Map<String, String> cluster) {
        PostgresDatabase db = PostgresDatabase.create();
        Map<String, String> settings = new HashMap<>(cluster);
        settings.put("db.url", db.url());
        settings.put("db.user", db.user());
        RunningServer a = RunningServer.start(settings);
        try {
            Path dirB = Files.createTempDirectory("securevisit-node-b-");
            copy(a.dataDir().resolve("keys"), dirB.resolve("keys"));
            copy(a.dataDir().resolve("tls"), dirB.resolve("tls"));
            return new ClusterNodes(a, RunningServer.startIn(dirB, settings, List.of()), db);
        } catch (IOException | RuntimeException e) {
            a.close();
            db.drop();
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() {
        try {
            b.close();
        } finally {
            try {
                a.close();
            } finally {
                db.drop();
            }
        }
    }
}
