package health.securevisit.records;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;

import health.securevisit.support.Clinic;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/** Test support for records: a clinic with a verified visit, fake media, and upload requests. */
record RecordingFixture(RunningServer server, Clinic clinic) {

    static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    static RecordingFixture on(RunningServer server) {
        return new RecordingFixture(server, Clinic.withVerifiedVisit(server));
    }

    Workforce doctor() {
        return clinic.clinician();
    }

    String visit() {
        return clinic.visitId();
    }

    void consent(String kind, String answer) {
        expect(doctor().post("/api/v1/visits/" + visit() + "/consents", body("kind", kind, "answer", answer)), 201);
    }

    /** A fake WebM recording of {@code size} bytes: the EBML signature, then random bytes with {@code marker} in. */
    static byte[] media(int size, String marker) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        System.arraycopy(EBML, 0, data, 0, EBML.length);
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        for (int at = 64; at + m.length < size; at += 100_000) {
            System.arraycopy(m, 0, data, at, m.length);
        }
        return data;
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest(data));
    }

    static String contentDigest(byte[] data) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(digest(data)) + ":";
    }

    private static byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> start(Workforce who, byte[] media) {
        return who.post(
                "/api/v1/visits/" + visit() + "/recordings",
                body("contentType", "video/webm;codecs=vp8,opus", "size", media.length, "sha256", sha256(media)));
    }

    String started(byte[] media) {
        return json(expect(start(doctor(), media), 201)).path("id").asString();
    }

    HttpResponse<String> chunk(Workforce who, String id, int number, byte[] bytes) {
        return chunk(who, id, number, bytes, contentDigest(bytes));
    }

    HttpResponse<String> chunk(Workforce who, String id, int number, byte[] bytes, String digest) {
        return who.send(
                who.withCsrf(HttpRequest.newBuilder(server.uri("/api/v1/recordings/" + id + "/chunks/" + number)))
                        .header("Content-Type", "application/octet-stream")
                        .header("Content-Digest", digest)
                        .PUT(BodyPublishers.ofByteArray(bytes)));
    }

    static byte[] part(byte[] media, int chunkSize, int number) {
        int from = number * chunkSize;
        return Arrays.copyOfRange(media, from, Math.min(media.length, from + chunkSize));
    }

    /** Uploads {@code media} in chunks and completes it; the artifact id. */
    String upload(byte[] media, int chunkSize) {
        String id = started(media);
        for (int n = 0; n * chunkSize < media.length; n++) {
            expect(chunk(doctor(), id, n, part(media, chunkSize, n)), 200);
        }
        expect(doctor().post("/api/v1/recordings/" + id + "/complete", "{}"), 200);
        return id;
    }

    HttpResponse<byte[]> content(Workforce who, String id, String range) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/api/v1/artifacts/" + id + "/content"))
                .GET();
        if (range != null) {
            request.header("Range", range);
        }
        try {
            return who.http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
