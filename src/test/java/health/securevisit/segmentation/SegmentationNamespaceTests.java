package health.securevisit.segmentation;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.platform.EvidenceSource;
import health.securevisit.platform.EvidenceSource.Evidence;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The segmentation self-test against a network the test makes: a namespace joined to the root
 * namespace (where the server runs) by a veth pair on a random 10.231.x.0/30, with TCP listeners
 * (socat) inside it. The server allows only that /30. A forbidden target that answers fails and
 * raises a security alert, a forbidden target that does not answer passes, a required one that
 * answers passes; targets outside the /30 are refused. The namespace and links are removed after.
 */
class SegmentationNamespaceTests {

    static final int OPEN_FORBIDDEN = 7001;
    static final int CLOSED_FORBIDDEN = 7002;
    static final int REQUIRED = 7003;

    static String namespace;
    static String rootLink;
    static String subnet;
    static String host;
    static final List<Process> listeners = new ArrayList<>();
    static RunningServer server;
    static Workforce officer;

    @BeforeAll
    static void start() throws Exception {
        String suffix =
                HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt(1 << 16));
        namespace = "svseg-" + suffix;
        rootLink = "svseg" + suffix + "h";
        int octet = ThreadLocalRandom.current().nextInt(256);
        int block = ThreadLocalRandom.current().nextInt(64) * 4;
        subnet = "10.231." + octet + "." + block;
        String rootAddress = "10.231." + octet + "." + (block + 1);
        host = "10.231." + octet + "." + (block + 2);
        run("ip", "netns", "add", namespace);
        run("ip", "link", "add", rootLink, "type", "veth", "peer", "name", "svseg" + suffix + "n");
        run("ip", "link", "set", "svseg" + suffix + "n", "netns", namespace);
        run("ip", "addr", "add", rootAddress + "/30", "dev", rootLink);
        run("ip", "link", "set", rootLink, "up");
        run("ip", "-n", namespace, "addr", "add", host + "/30", "dev", "svseg" + suffix + "n");
        run("ip", "-n", namespace, "link", "set", "svseg" + suffix + "n", "up");
        run("ip", "-n", namespace, "link", "set", "lo", "up");
        listeners.add(listen(OPEN_FORBIDDEN));
        listeners.add(listen(REQUIRED));
        server = RunningServer.start(Map.of(
                "segmentation.allowed-ranges", subnet + "/30",
                "segmentation.probe-interval", "2s",
                "segmentation.probe-timeout", "500ms"));
        officer = Workforce.on(server)
                .signIn(Workforce.newAccount(server, Workforce.unique("seg.officer"), "SECURITY_OFFICER"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        listeners.forEach(SegmentationNamespaceTests::kill);
        quietly("ip", "netns", "delete", namespace);
        quietly("ip", "link", "delete", rootLink);
        assertThat(output("ip", "netns", "list")).doesNotContain(namespace);
    }

    /** A TCP listener on {@code port} of the namespace's address that accepts and closes connections. */
    static Process listen(int port) throws IOException, InterruptedException {
        Process socat = new ProcessBuilder(
                        "ip",
                        "netns",
                        "exec",
                        namespace,
                        "socat",
                        "TCP-LISTEN:" + port + ",bind=" + host + ",fork,reuseaddr",
                        "SYSTEM:true")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        waitFor(
                () -> output("ip", "netns", "exec", namespace, "ss", "-ltn").contains(host + ":" + port),
                "socat " + port);
        return socat;
    }

    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static HttpResponse<String> target(String label, String address, int port, String expectation) {
        return officer.post(
                "/api/v1/network/segmentation/targets",
                body("label", label, "host", address, "port", port, "expectation", expectation));
    }

    static Evidence evidence() {
        List<Evidence> all = new ArrayList<>();
        server.context().getBeansOfType(EvidenceSource.class).values().forEach(s -> all.addAll(s.evidence()));
        return all.stream()
                .filter(e -> e.check().equals("network.segmentation"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aReachableForbiddenTargetFailsAndRaisesAnAlertAndAnUnreachableOnePasses() throws Exception {
        assertThat(evidence().status()).isEqualTo(EvidenceSource.Status.NO_EVIDENCE);

        // Targets outside the test's /30 are refused, audited, and not stored.
        for (String outside : List.of("10.231.0.200", "8.8.8.8", "127.0.0.1", "localhost")) {
            HttpResponse<String> refused = target("Outside", outside, 443, "FORBIDDEN");
            assertThat(refused.statusCode()).as(outside).isEqualTo(400);
            assertThat(json(refused).path("code").asString()).isEqualTo("target-outside-allowed-ranges");
        }
        assertThat(target("Bad port", host, 70000, "FORBIDDEN").statusCode()).isEqualTo(400);
        assertThat(json(expect(officer.get("/api/v1/network/segmentation/targets"), 200))
                        .size())
                .isZero();
        assertThat(server.context()
                        .getBean(CapturedAuditEvents.class)
                        .matching(e -> e.action().equals("segmentation.target.add") && e.outcome() == Outcome.DENIED))
                .extracting(AuditEvent::reason)
                .contains("target-outside-allowed-ranges");

        expect(target("EHR database", host, OPEN_FORBIDDEN, "FORBIDDEN"), 201);
        expect(target("Billing", host, CLOSED_FORBIDDEN, "FORBIDDEN"), 201);
        expect(target("Directory relay", host, REQUIRED, "REQUIRED"), 201);
        assertThat(json(target("EHR database", host, OPEN_FORBIDDEN, "FORBIDDEN"))
                        .path("code")
                        .asString())
                .isEqualTo("target-exists");

        // The scheduled probe records every target.
        waitFor(() -> json(officer.get("/api/v1/network/segmentation/results")).size() == 3, "scheduled probe");

        JsonNode results = json(expect(officer.post("/api/v1/network/segmentation/probe", "{}"), 200));
        assertThat(results.size()).isEqualTo(3);
        for (JsonNode r : results) {
            int port = r.path("target").path("port").asInt();
            assertThat(r.path("reachable").asBoolean()).as("reachable " + port).isEqualTo(port != CLOSED_FORBIDDEN);
            assertThat(r.path("passed").asBoolean()).as("passed " + port).isEqualTo(port != OPEN_FORBIDDEN);
        }
        Evidence failing = evidence();
        assertThat(failing.status()).isEqualTo(EvidenceSource.Status.FAIL);
        assertThat(failing.failing()).containsExactly(host + ":" + OPEN_FORBIDDEN);

        waitFor(
                () -> json(officer.get("/api/v1/security-alerts?size=200"))
                        .path("alerts")
                        .toString()
                        .contains("segmentation-breach"),
                "segmentation alert");

        // The EHR stops answering: every target is as the policy expects.
        kill(listeners.removeFirst());
        waitFor(
                () -> !output("ip", "netns", "exec", namespace, "ss", "-ltn").contains(host + ":" + OPEN_FORBIDDEN),
                "listener gone");
        JsonNode after = json(expect(officer.post("/api/v1/network/segmentation/probe", "{}"), 200));
        after.forEach(r -> assertThat(r.path("passed").asBoolean()).isTrue());
        waitFor(() -> evidence().status() == EvidenceSource.Status.PASS, "passing evidence");
    }

    @Test
    void onlySecurityOfficersSeeOrChangeThePolicy() {
        Workforce clinician =
                Workforce.on(server).signIn(Workforce.newAccount(server, Workforce.unique("seg.doc"), "CLINICIAN"));
        assertThat(clinician.get("/api/v1/network/segmentation/targets").statusCode())
                .isEqualTo(403);
        assertThat(clinician
                        .post(
                                "/api/v1/network/segmentation/targets",
                                body("label", "X", "host", host, "port", 9, "expectation", "FORBIDDEN"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(Workforce.on(server)
                        .get("/api/v1/network/segmentation/results")
                        .statusCode())
                .isEqualTo(401);
    }

    static void waitFor(BooleanSupplier check, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    static String output(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    static void quietly(String... command) throws IOException, InterruptedException {
        new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
    }
}
