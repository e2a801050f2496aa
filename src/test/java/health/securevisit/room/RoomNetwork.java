package health.securevisit.room;

import health.securevisit.support.HeadlessChromium;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * A small network for the two-browser room tests: a bridge {@code svroom-br} (10.219.19.1/24) in the
 * root namespace, where the SecureVisit server and coturn listen, and one network namespace per
 * browser ({@code svroom-c} for the clinician at .2, {@code svroom-p} for the patient at .3), each
 * joined to the bridge by a veth pair. The bridge ports are isolated from each other, so the two
 * browsers can only reach each other through the relay. Each namespace runs a chromedriver on its
 * veth address; the test drives it with a {@link RemoteWebDriver}. {@link #close()} removes every
 * process, link and namespace it made (also the leftovers of an aborted earlier run, at start).
 */
final class RoomNetwork implements AutoCloseable {

    static final String HOST = "10.219.19.1";
    static final String TURN_PORT = "3479";
    private static final String BRIDGE = "svroom-br";

    /** A browser's namespace: its name, address and the root-side veth end that {@link #cut} takes down. */
    record Side(String namespace, String address, String rootLink, String nsLink, int driverPort) {}

    static final Side CLINICIAN = new Side("svroom-c", "10.219.19.2", "svroom-ch", "svroom-cn", 9615);
    static final Side PATIENT = new Side("svroom-p", "10.219.19.3", "svroom-ph", "svroom-pn", 9616);

    private final List<Process> processes = new ArrayList<>();
    private final List<RemoteWebDriver> browsers = new ArrayList<>();
    private final Path work;

    private RoomNetwork(Path work) {
        this.work = work;
    }

    static RoomNetwork create() throws IOException, InterruptedException {
        removeLeftovers();
        RoomNetwork network = new RoomNetwork(Files.createTempDirectory("svroom-"));
        try {
            ip("link", "add", BRIDGE, "type", "bridge");
            ip("addr", "add", HOST + "/24", "dev", BRIDGE);
            ip("link", "set", BRIDGE, "up");
            for (Side side : List.of(CLINICIAN, PATIENT)) {
                ip("netns", "add", side.namespace());
                ip("link", "add", side.rootLink(), "type", "veth", "peer", "name", side.nsLink());
                ip("link", "set", side.nsLink(), "netns", side.namespace());
                ip("link", "set", side.rootLink(), "master", BRIDGE, "up");
                run("bridge", "link", "set", "dev", side.rootLink(), "isolated", "on");
                ip("-n", side.namespace(), "addr", "add", side.address() + "/24", "dev", side.nsLink());
                ip("-n", side.namespace(), "link", "set", side.nsLink(), "up");
                ip("-n", side.namespace(), "link", "set", "lo", "up");
            }
            return network;
        } catch (IOException | RuntimeException | InterruptedException e) {
            network.close();
            throw e;
        }
    }

    /** coturn on the bridge address with the TURN REST API secret, relaying on the same address. */
    void startTurn(String secret) throws IOException, InterruptedException {
        Path log = work.resolve("turnserver.log");
        processes.add(new ProcessBuilder(
                        "turnserver",
                        "-n",
                        "--listening-ip=" + HOST,
                        "--relay-ip=" + HOST,
                        "--listening-port=" + TURN_PORT,
                        "--min-port=49200",
                        "--max-port=49400",
                        "--use-auth-secret",
                        "--static-auth-secret=" + secret,
                        "--realm=securevisit.test",
                        "--userdb=" + work.resolve("turndb"),
                        "--fingerprint",
                        "--no-tls",
                        "--no-dtls",
                        "--no-cli",
                        "--no-multicast-peers",
                        "--pidfile=" + work.resolve("turnserver.pid"),
                        "--log-file=stdout",
                        "--simple-log")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start());
        waitFor(() -> Files.readString(log).contains("Total General servers"), "coturn did not start: " + log);
    }

    /** A fresh headless Chromium (with fake camera and microphone) inside the namespace of {@code side}. */
    RemoteWebDriver browser(Side side) throws IOException, InterruptedException {
        if (!driverRunning(side)) {
            startDriver(side);
        }
        ChromeOptions options = HeadlessChromium.options();
        options.addArguments(
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required",
                "--window-size=1280,800");
        RemoteWebDriver driver = new RemoteWebDriver(URI.create(driverUrl(side)).toURL(), options);
        browsers.add(driver);
        return driver;
    }

    private boolean driverRunning(Side side) {
        try {
            HttpURLConnection c = (HttpURLConnection)
                    URI.create(driverUrl(side) + "/status").toURL().openConnection();
            c.setConnectTimeout(500);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private void startDriver(Side side) throws IOException, InterruptedException {
        Path log = work.resolve(side.namespace() + "-chromedriver.log");
        processes.add(new ProcessBuilder(
                        "ip",
                        "netns",
                        "exec",
                        side.namespace(),
                        "chromedriver",
                        "--port=" + side.driverPort(),
                        "--allowed-ips=" + HOST,
                        "--allowed-origins=*")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start());
        waitFor(() -> driverRunning(side), "chromedriver did not start in " + side.namespace());
    }

    private static String driverUrl(Side side) {
        return "http://" + side.address() + ":" + side.driverPort();
    }

    /** Takes the side's link down for {@code outage}, then up again. */
    void cut(Side side, Duration outage) throws IOException, InterruptedException {
        ip("link", "set", side.rootLink(), "down");
        try {
            Thread.sleep(outage);
        } finally {
            ip("link", "set", side.rootLink(), "up");
        }
    }

    /** A free TCP port of the root namespace for the server, chosen before it starts (its public URL names it). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Path work() {
        return work;
    }

    @Override
    public void close() {
        for (RemoteWebDriver browser : browsers) {
            try {
                browser.quit();
            } catch (RuntimeException e) {
                // the process is killed below
            }
        }
        browsers.clear();
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        try {
            removeLeftovers();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes this test's namespaces and links (names start with {@code svroom-}), whatever state they are in. */
    private static void removeLeftovers() throws IOException, InterruptedException {
        for (Side side : List.of(CLINICIAN, PATIENT)) {
            killProcessesIn(side.namespace());
            runQuietly("ip", "netns", "delete", side.namespace());
            runQuietly("ip", "link", "delete", side.rootLink());
        }
        runQuietly("ip", "link", "delete", BRIDGE);
    }

    private static void killProcessesIn(String namespace) throws IOException, InterruptedException {
        Process pids = new ProcessBuilder("ip", "netns", "pids", namespace)
                .redirectErrorStream(true)
                .start();
        String out = new String(pids.getInputStream().readAllBytes());
        pids.waitFor();
        out.lines()
                .filter(l -> l.matches("\\d+"))
                .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "ip";
        System.arraycopy(args, 0, command, 1, args.length);
        run(command);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static void runQuietly(String... command) throws IOException, InterruptedException {
        new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
    }

    interface Check {
        boolean ok() throws IOException;
    }

    private static void waitFor(Check check, String failure) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(failure);
    }
}
