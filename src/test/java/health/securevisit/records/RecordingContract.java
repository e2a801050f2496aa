package health.securevisit.records;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditEvent;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.CountedBlobReads;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Recordings and screenshots: resumable chunked upload, completion, range reads, consent, access, bad input. */
abstract class RecordingContract {

    static final int MiB = 1024 * 1024;

    abstract RunningServer server();

    RecordingFixture fx() {
        return RecordingFixture.on(server());
    }

    @Test
    void uploadsInChunksResumesAtTheNextChunkAndServesRangesWithoutPlaintextOnDisk() {
        RecordingFixture fx = fx();
        fx.consent("RECORDING", "GIVEN");
        String marker = "PLAINTEXT-MARKER-" + UUID.randomUUID();
        byte[] media = RecordingFixture.media(2 * MiB + 12_345, marker);
        String id = fx.started(media);

        expect(fx.chunk(fx.doctor(), id, 0, RecordingFixture.part(media, MiB, 0)), 200);
        expect(fx.chunk(fx.doctor(), id, 1, RecordingFixture.part(media, MiB, 1)), 200);
        // A retry after a lost answer: the chunk is already there, nothing changes, the client asks where to go on.
        Problem.is(fx.chunk(fx.doctor(), id, 1, RecordingFixture.part(media, MiB, 1)), 409, "chunk-duplicate");
        JsonNode info = json(expect(fx.doctor().get("/api/v1/artifacts/" + id), 200));
        assertThat(info.path("state").asString()).isEqualTo("INCOMPLETE");
        assertThat(info.path("nextChunk").asInt()).isEqualTo(2);
        assertThat(info.path("storedSize").asLong()).isEqualTo(2L * MiB);
        JsonNode listed = json(expect(fx.doctor().get("/api/v1/visits/" + fx.visit() + "/artifacts"), 200));
        assertThat(listed.path("artifacts").get(0).path("state").asString()).isEqualTo("INCOMPLETE");

        expect(fx.chunk(fx.doctor(), id, 2, RecordingFixture.part(media, MiB, 2)), 200);
        JsonNode done = json(expect(fx.doctor().post("/api/v1/recordings/" + id + "/complete", "{}"), 200));
        assertThat(done.path("state").asString()).isEqualTo("COMPLETE");
        assertThat(done.path("sha256").asString()).isEqualTo(RecordingFixture.sha256(media));

        HttpResponse<byte[]> whole = fx.content(fx.doctor(), id, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(media);
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");
        int from = media.length - 300_000;
        HttpResponse<byte[]> tail = fx.content(fx.doctor(), id, "bytes=" + from + "-" + (from + 99_999));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.headers().firstValue("Content-Range"))
                .contains("bytes " + from + "-" + (from + 99_999) + "/" + media.length);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(media, from, from + 100_000));
        HttpResponse<byte[]> suffix = fx.content(fx.doctor(), id, "bytes=-10");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(media, media.length - 10, media.length));

        assertThat(grep(server().dataDir(), marker.getBytes(StandardCharsets.US_ASCII)))
                .as("files under the data directory holding the plaintext marker")
                .isEmpty();
    }

    @Test
    void aRangeNearTheEndDecryptsOnlyTheChunkThatHoldsIt() {
        RecordingFixture fx = fx();
        fx.consent("RECORDING", "GIVEN");
        byte[] media = RecordingFixture.media(10 * MiB, "x");
        String id = fx.upload(media, MiB);
        CountedBlobReads reads = server().context().getBean(CountedBlobReads.class);
        reads.clear();
        long at = media.length * 9L / 10; // 90 %: inside chunk 9 of 0..9
        HttpResponse<byte[]> answer = fx.content(fx.doctor(), id, "bytes=" + at + "-" + (at + 4095));
        assertThat(answer.statusCode()).isEqualTo(206);
        assertThat(answer.body()).isEqualTo(Arrays.copyOfRange(media, (int) at, (int) at + 4096));
        Map<String, CountedBlobReads.Reads> read = reads.of(id);
        assertThat(read.keySet()).as("blobs opened").hasSize(1).allMatch(name -> name.startsWith(id + ".9."));
        // The chunk is 1 MiB: at most two segments of the vault's 1 MiB segments plus the header were read.
        assertThat(read.values().iterator().next().bytes().get()).isLessThanOrEqualTo(2L * MiB + 64);
    }

    @Test
    void refusesRecordingWithoutConsentAndStopsAtOnceWhenItIsWithdrawn() {
        RecordingFixture fx = fx();
        byte[] media = RecordingFixture.media(3 * MiB, "x");
        Problem.is(fx.start(fx.doctor(), media), 409, "recording-consent-required");
        fx.consent("RECORDING", "REFUSED");
        Problem.is(fx.start(fx.doctor(), media), 409, "recording-consent-required");
        fx.consent("TELEHEALTH", "GIVEN");
        fx.consent("RECORDING", "GIVEN");
        String id = fx.started(media);
        expect(fx.chunk(fx.doctor(), id, 0, RecordingFixture.part(media, MiB, 0)), 200);
        fx.consent("RECORDING", "WITHDRAWN");
        Problem.is(
                fx.chunk(fx.doctor(), id, 1, RecordingFixture.part(media, MiB, 1)), 409, "recording-consent-required");
        JsonNode consents = json(expect(fx.doctor().get("/api/v1/visits/" + fx.visit() + "/consents"), 200));
        assertThat(consents.path("recordingAllowed").asBoolean()).isFalse();
        assertThat(consents.path("recording").asString()).isEqualTo("WITHDRAWN");
        assertThat(consents.path("telehealth").asString()).isEqualTo("GIVEN");
        assertThat(consents.path("decisions")).hasSize(4);
        assertThat(consents.path("decisions").get(0).path("formVersion").asString())
                .isEqualTo("1.0.0");
        // The part already stored stays an incomplete recording that can be discarded.
        assertThat(json(expect(fx.doctor().get("/api/v1/artifacts/" + id), 200))
                        .path("nextChunk")
                        .asInt())
                .isEqualTo(1);
        expect(fx.doctor().delete("/api/v1/recordings/" + id), 204);
        assertThat(json(expect(fx.doctor().get("/api/v1/visits/" + fx.visit() + "/artifacts"), 200))
                        .path("artifacts"))
                .isEmpty();
    }

    @Test
    void refusesBadChunksAndKeepsNothingOfThem() {
        RecordingFixture fx = fx();
        fx.consent("RECORDING", "GIVEN");
        byte[] media = RecordingFixture.media(2 * MiB, "x");
        Problem.is(
                fx.doctor()
                        .post(
                                "/api/v1/visits/" + fx.visit() + "/recordings",
                                body("contentType", "text/html", "size", 10, "sha256", RecordingFixture.sha256(media))),
                400,
                "invalid-request");
        String id = fx.started(media);
        byte[] notWebm = RecordingFixture.part(media, MiB, 0).clone();
        notWebm[0] = 'G';
        Problem.is(fx.chunk(fx.doctor(), id, 0, notWebm), 400, "content-type-mismatch");
        Problem.is(fx.chunk(fx.doctor(), id, 1, RecordingFixture.part(media, MiB, 1)), 409, "chunk-out-of-order");
        Problem.is(
                fx.chunk(
                        fx.doctor(),
                        id,
                        0,
                        RecordingFixture.part(media, MiB, 0),
                        RecordingFixture.contentDigest(notWebm)),
                400,
                "chunk-digest-mismatch");
        Problem.is(
                fx.chunk(fx.doctor(), id, 0, RecordingFixture.part(media, MiB, 0), "sha-1=:abc:"),
                400,
                "invalid-request");
        byte[] tooBig = new byte[MiB + 1];
        System.arraycopy(RecordingFixture.EBML, 0, tooBig, 0, 4);
        Problem.is(fx.chunk(fx.doctor(), id, 0, tooBig), 413, "payload-too-large");
        Problem.is(fx.doctor().post("/api/v1/recordings/" + id + "/complete", "{}"), 409, "upload-incomplete");
        JsonNode info = json(expect(fx.doctor().get("/api/v1/artifacts/" + id), 200));
        assertThat(info.path("nextChunk").asInt()).isZero();
        assertThat(info.path("storedSize").asLong()).isZero();
        // A chunk beyond the declared size: the declared total is 2 MiB, so a third chunk has no room.
        expect(fx.chunk(fx.doctor(), id, 0, RecordingFixture.part(media, MiB, 0)), 200);
        expect(fx.chunk(fx.doctor(), id, 1, RecordingFixture.part(media, MiB, 1)), 200);
        Problem.is(fx.chunk(fx.doctor(), id, 2, new byte[] {1, 2, 3}), 400, "chunk-beyond-size");
        Problem.is(fx.content(fx.doctor(), id, null), 409, "artifact-not-available");
        expect(fx.doctor().post("/api/v1/recordings/" + id + "/complete", "{}"), 200);
        Problem.is(fx.content(fx.doctor(), id, "bytes=" + (2 * MiB) + "-"), 416, "range-not-satisfiable");
        Problem.is(fx.content(fx.doctor(), id, "bytes=0-1,5-6"), 416, "range-not-satisfiable");
        Problem.is(fx.doctor().delete("/api/v1/recordings/" + id), 409, "artifact-not-incomplete");
    }

    @Test
    void aWholeFileDigestThatDoesNotMatchLeavesAnIncompleteRecordingToDiscard() {
        RecordingFixture fx = fx();
        fx.consent("RECORDING", "GIVEN");
        byte[] media = RecordingFixture.media(MiB + 10, "x");
        byte[] other = media.clone();
        other[MiB + 5] ^= 1;
        String id = fx.started(media);
        expect(fx.chunk(fx.doctor(), id, 0, RecordingFixture.part(other, MiB, 0)), 200);
        expect(fx.chunk(fx.doctor(), id, 1, RecordingFixture.part(other, MiB, 1)), 200);
        Problem.is(fx.doctor().post("/api/v1/recordings/" + id + "/complete", "{}"), 409, "digest-mismatch");
        assertThat(json(expect(fx.doctor().get("/api/v1/artifacts/" + id), 200))
                        .path("state")
                        .asString())
                .isEqualTo("INCOMPLETE");
        expect(fx.doctor().delete("/api/v1/recordings/" + id), 204);
        assertThat(json(expect(fx.doctor().get("/api/v1/artifacts/" + id), 200))
                        .path("state")
                        .asString())
                .isEqualTo("DISCARDED");
    }

    @Test
    void refusesAnUploadIntoAnEndedVisit() {
        RecordingFixture fx = fx();
        fx.consent("RECORDING", "GIVEN");
        byte[] media = RecordingFixture.media(1000, "x");
        String id = fx.started(media);
        expect(fx.doctor().post("/api/v1/visits/" + fx.visit() + "/transitions", body("to", "IN_PROGRESS")), 200);
        expect(fx.doctor().post("/api/v1/visits/" + fx.visit() + "/transitions", body("to", "ENDED")), 200);
        Problem.is(fx.start(fx.doctor(), media), 409, "visit-ended");
        Problem.is(fx.chunk(fx.doctor(), id, 0, media), 409, "visit-ended");
    }

    @Test
    void onlyTheCareTeamReadsArtifactsAndEveryReadIsAuditedWithTheArtifactId() {
        RecordingFixture fx = fx();
        fx.consent("RECORDING", "GIVEN");
        byte[] media = RecordingFixture.media(5000, "x");
        String id = fx.upload(media, MiB);
        Workforce other = Workforce.on(server())
                .signIn(Workforce.newAccount(server(), Workforce.unique("rec.other"), "CLINICIAN"));
        Workforce admin = Workforce.adminClient(server());
        for (Workforce who : List.of(other, fx.clinic().staff(), admin)) {
            assertThat(fx.content(who, id, null).statusCode()).isEqualTo(403);
            assertThat(fx.content(who, id, "bytes=0-9").statusCode()).isEqualTo(403);
            assertThat(who.get("/api/v1/artifacts/" + id).statusCode()).isEqualTo(403);
            assertThat(who.get("/api/v1/visits/" + fx.visit() + "/artifacts").statusCode())
                    .isEqualTo(403);
            assertThat(fx.chunk(who, id, 0, media).statusCode()).isEqualTo(403);
        }
        assertThat(fx.content(Workforce.on(server()), id, null).statusCode()).isEqualTo(401);
        Problem.is(fx.doctor().get("/api/v1/artifacts/" + UUID.randomUUID()), 404, "artifact-not-found");
        Problem.is(admin.get("/api/v1/artifacts/" + UUID.randomUUID()), 403, "access-denied");
        Problem.is(fx.doctor().get("/api/v1/artifacts/..%2f..%2fkeys"), 400, null);

        expect(fx.doctor().get("/api/v1/visits/" + fx.visit() + "/artifacts"), 200);
        assertThat(fx.content(fx.doctor(), id, "bytes=10-19").statusCode()).isEqualTo(206);
        List<AuditEvent> events =
                server().context().getBean(CapturedAuditEvents.class).matching(e -> id.equals(e.resourceId()));
        assertThat(events)
                .extracting(AuditEvent::action)
                .contains(
                        "records.artifact.list",
                        "records.artifact.download",
                        "records.artifact.range",
                        "records.artifact.read",
                        "records.artifact.completed");
        assertThat(events)
                .filteredOn(e -> e.action().equals("records.artifact.range"))
                .extracting(e -> e.outcome().name())
                .contains("SUCCESS", "DENIED");
    }

    @Test
    void storesAPngScreenshotAndRefusesAnythingElse() {
        RecordingFixture fx = fx();
        byte[] png = new byte[4000];
        System.arraycopy(RecordingFixture.PNG, 0, png, 0, 8);
        HttpResponse<String> stored = screenshot(fx, png, "image/png");
        JsonNode a = json(expect(stored, 201));
        assertThat(a.path("kind").asString()).isEqualTo("SCREENSHOT");
        assertThat(a.path("state").asString()).isEqualTo("COMPLETE");
        assertThat(a.path("size").asLong()).isEqualTo(4000);
        assertThat(fx.content(fx.doctor(), a.path("id").asString(), null).body())
                .isEqualTo(png);
        byte[] gif = "GIF89a-not-a-png".getBytes(StandardCharsets.US_ASCII);
        Problem.is(screenshot(fx, gif, "image/png"), 400, "content-type-mismatch");
        Problem.is(screenshot(fx, gif, "image/gif"), 400, "content-type-mismatch");
        Problem.is(
                fx.chunk(fx.doctor(), UUID.randomUUID().toString(), 0, png, "sha-256=:x:"), 404, "artifact-not-found");
        assertThat(json(expect(fx.doctor().get("/api/v1/visits/" + fx.visit() + "/artifacts"), 200))
                        .path("artifacts"))
                .hasSize(1);
    }

    static HttpResponse<String> screenshot(RecordingFixture fx, byte[] png, String type) {
        Workforce who = fx.doctor();
        return who.send(
                who.withCsrf(HttpRequest.newBuilder(fx.server().uri("/api/v1/visits/" + fx.visit() + "/screenshots")))
                        .header("Content-Type", type)
                        .header("Content-Digest", RecordingFixture.contentDigest(png))
                        .POST(BodyPublishers.ofByteArray(png)));
    }

    /** Regular files under {@code dir} that contain {@code needle}. */
    static List<Path> grep(Path dir, byte[] needle) {
        try (Stream<Path> files = Files.walk(dir)) {
            // Never the running server's lock file: opening and closing it here would drop the
            // process's POSIX lock on it, and another server could then start on this directory.
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("securevisit.lock"))
                    .filter(f -> contains(f, needle))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] data = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= data.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (data[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
