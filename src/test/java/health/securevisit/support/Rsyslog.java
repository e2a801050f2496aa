package health.securevisit.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code rsyslogd} (Debian's rsyslog and rsyslog-openssl) receiving RFC 5425 syslog over TLS
 * on a loopback port, with its own configuration and the given certificate, writing the parsed
 * RFC 5424 fields of every message as {@code PRI|APP-NAME|PROCID|MSGID|STRUCTURED-DATA|MSG} lines.
 */
public final class Rsyslog {

    private final Path dir;
    private final int port;
    private Process process;

    public Rsyslog(Path dir, Path caPem, Path certPem, Path keyPem) throws IOException {
        this.dir = Files.createDirectories(dir);
        Files.createDirectories(dir.resolve("work"));
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("rsyslog.conf"), """
                global(workDirectory="%s"
                       DefaultNetstreamDriver="ossl"
                       DefaultNetstreamDriverCAFile="%s"
                       DefaultNetstreamDriverCertFile="%s"
                       DefaultNetstreamDriverKeyFile="%s")
                module(load="imtcp" StreamDriver.Name="ossl" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")
                input(type="imtcp" port="%d" address="127.0.0.1")
                template(name="fields" type="string"
                         string="%%pri%%|%%app-name%%|%%procid%%|%%msgid%%|%%structured-data%%|%%msg%%\\n")
                action(type="omfile" file="%s" template="fields" flushOnTXEnd="on" asyncWriting="off")
                """.formatted(
                        dir.resolve("work"), caPem, certPem, keyPem, port, received()));
    }

    public int port() {
        return port;
    }

    public Path received() {
        return dir.resolve("received.log");
    }

    public List<String> lines() throws IOException {
        return Files.exists(received()) ? Files.readAllLines(received(), StandardCharsets.UTF_8) : List.of();
    }

    public Rsyslog start() throws IOException, InterruptedException {
        process = new ProcessBuilder(
                        "rsyslogd",
                        "-n",
                        "-f",
                        dir.resolve("rsyslog.conf").toString(),
                        "-i",
                        dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("rsyslogd.out").toFile())
                .start();
        for (int i = 0; i < 100; i++) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "rsyslogd exited: " + Files.readString(dir.resolve("rsyslogd.out")));
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("rsyslogd did not listen on " + port);
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }
}
