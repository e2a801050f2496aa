package health.securevisit.room;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test support: a real coturn ({@code turnserver}, Debian package coturn) with the TURN REST API secret
 * ({@code use-auth-secret}), listening on 127.0.0.1 only, and an Allocate through it with
 * {@code turnutils_uclient} (same package).
 */
final class Coturn implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    private Coturn(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static Coturn start(int port, String secret) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("room-coturn-");
        Path conf = dir.resolve("turnserver.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "listening-ip=127.0.0.1",
                        "relay-ip=127.0.0.1",
                        "listening-port=" + port,
                        "min-port=" + (port + 1),
                        "max-port=" + (port + 40),
                        "use-auth-secret",
                        "static-auth-secret=" + secret,
                        "realm=securevisit.test",
                        "userdb=" + dir.resolve("turndb"),
                        "pidfile=" + dir.resolve("turnserver.pid"),
                        "no-cli",
                        "no-tls",
                        "no-dtls",
                        "log-file=stdout",
                        "simple-log",
                        "allow-loopback-peers",
                        ""));
        Process p = new ProcessBuilder("turnserver", "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("turnserver.log").toFile())
                .start();
        Coturn coturn = new Coturn(p, dir, port);
        for (int i = 0; i < 50; i++) {
            if (Files.exists(dir.resolve("turnserver.log"))
                    && Files.readString(dir.resolve("turnserver.log")).contains("listener opened on")) {
                return coturn;
            }
            Thread.sleep(100);
        }
        return coturn;
    }

    /** Whether an Allocate (and a short send through the relay) succeeds with this credential. */
    boolean allocates(String username, String credential) throws IOException, InterruptedException {
        Process client = new ProcessBuilder(List.of(
                        "turnutils_uclient",
                        "-p",
                        Integer.toString(port),
                        "-u",
                        username,
                        "-w",
                        credential,
                        "-n",
                        "1",
                        "-m",
                        "1",
                        "-y",
                        "-c",
                        "127.0.0.1"))
                .redirectErrorStream(true)
                .redirectOutput(
                        dir.resolve("uclient-" + System.nanoTime() + ".log").toFile())
                .start();
        if (!client.waitFor(30, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            return false;
        }
        return client.exitValue() == 0;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
