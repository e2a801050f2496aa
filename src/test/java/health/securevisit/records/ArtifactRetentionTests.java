package health.securevisit.records;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.audit.AuditEvent;
import health.securevisit.keys.ArtifactVault;
import health.securevisit.keys.CiphertextIntegrityException;
import health.securevisit.records.internal.RetentionJob;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention on a server of its own (the run shreds everything expired on it): artifacts past their
 * period are crypto-shredded unless a legal hold covers their patient; a copy of a shredded blob no
 * longer decrypts; a period below the minimum is recorded as an exception.
 */
class ArtifactRetentionTests {

    static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(Map.of(
                "records.retention-chat", "P2Y", "records.retention-exception-reason", "state-law-exception-test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shredsExpiredArtifactsExceptHeldOnesAndTheirBytesNoLongerDecrypt() throws IOException {
        RecordingFixture expiring = RecordingFixture.on(server);
        RecordingFixture held = RecordingFixture.on(server);
        expiring.consent("RECORDING", "GIVEN");
        byte[] media = RecordingFixture.media(5000, "x");
        String gone = expiring.upload(media, 4096);
        String kept = json(expect(RecordingContract.screenshot(held, png(), "image/png"), 201))
                .path("id")
                .asString();
        Workforce officer = Workforce.on(server)
                .signIn(Workforce.newAccount(server, Workforce.unique("rec.officer"), "SECURITY_OFFICER"));
        expect(
                officer.post(
                        "/api/v1/audit/legal-holds",
                        body("scope", "PATIENT", "subjectId", held.clinic().patientId(), "reason", "litigation-42")),
                201);
        // A copy of a stored chunk taken before the deletion (as a backup would hold it).
        Path blob = blob(gone + ".0.");
        byte[] copy = Files.readAllBytes(blob);

        RetentionJob job = server.context().getBean(RetentionJob.class);
        assertThat(job.runAt(Instant.now().plus(Duration.ofDays(365 * 6 + 10))).shredded())
                .isGreaterThanOrEqualTo(1);
        RetentionJob.Run second = job.runAt(Instant.now().plus(Duration.ofDays(365 * 6 + 10)));
        assertThat(second.shredded()).isZero();
        assertThat(second.held()).isGreaterThanOrEqualTo(1);

        Problem.is(expiring.content(expiring.doctor(), gone, null), 409, "artifact-not-available");
        assertThat(json(expect(expiring.doctor().get("/api/v1/artifacts/" + gone), 200))
                        .path("state")
                        .asString())
                .isEqualTo("SHREDDED");
        assertThat(held.content(held.doctor(), kept, null).statusCode()).isEqualTo(200);

        assertThat(Files.exists(blob)).as("blob removed after its key").isFalse();
        Files.write(blob, copy);
        ArtifactVault vault = server.context().getBean(ArtifactVault.class);
        String vaultId = blob.getFileName().toString();
        assertThatThrownBy(() -> {
                    try (InputStream in = vault.open(vaultId)) {
                        in.readAllBytes();
                    }
                })
                .isInstanceOf(CiphertextIntegrityException.class);

        List<AuditEvent> runs = server.context()
                .getBean(CapturedAuditEvents.class)
                .matching(e -> e.action().equals("records.retention.run"));
        assertThat(runs).extracting(AuditEvent::reason).anyMatch(r -> r.startsWith("expired=") && r.contains("held="));
    }

    @Test
    void aPeriodBelowTheMinimumIsRecordedAsAnException() {
        List<String> kinds = JdbcClient.create(server.context().getBean(javax.sql.DataSource.class))
                .sql("SELECT kind FROM records_retention_exception")
                .query(String.class)
                .list();
        assertThat(kinds).containsExactly("CHAT");
        assertThat(server.context()
                        .getBean(CapturedAuditEvents.class)
                        .matching(e -> e.action().equals("records.retention.exception")))
                .isNotEmpty();
    }

    static byte[] png() {
        byte[] png = new byte[100];
        System.arraycopy(RecordingFixture.PNG, 0, png, 0, 8);
        return png;
    }

    private static Path blob(String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(server.dataDir().resolve("blobs"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
