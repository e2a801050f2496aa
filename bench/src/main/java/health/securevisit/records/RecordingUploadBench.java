package health.securevisit.records;

import static health.securevisit.support.Workforce.expect;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Recording upload and range reads (issue 20's benchmark, docs/benchmarks/records.md): a recording of
 * SIZE MiB is uploaded over TLS in chunks (each with its Content-Digest, then completion with the
 * whole-file digest) into the artifact vault of an in-process server, and the time to first byte of a
 * 64 KiB range read is measured at the start, at minute 20 of an hour (a third in) and at 90 %. The
 * media is generated chunk by chunk (never held whole), so the server's heap growth is what the upload
 * costs. Prints MiB/s, heap growth and the medians; bench/records-bench.sh runs openssl beside it.
 */
public final class RecordingUploadBench {

    private RecordingUploadBench() {}

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int chunk = args.length > 1 ? Integer.parseInt(args[1]) : 1024 * 1024;
        long size = (long) mib * 1024 * 1024;
        RunningServer server = TestServers.h2();
        RecordingFixture fx = RecordingFixture.on(server);
        fx.consent("RECORDING", "GIVEN");
        Workforce doctor = fx.doctor();

        MessageDigest whole = MessageDigest.getInstance("SHA-256");
        int chunks = (int) ((size + chunk - 1) / chunk);
        for (int n = 0; n < chunks; n++) {
            whole.update(part(n, chunk, size));
        }
        String id = Workforce.json(expect(
                        doctor.post(
                                "/api/v1/visits/" + fx.visit() + "/recordings",
                                Workforce.body(
                                        "contentType",
                                        "video/webm",
                                        "size",
                                        size,
                                        "sha256",
                                        HexFormat.of().formatHex(whole.digest()))),
                        201))
                .path("id")
                .asString();
        long heapBefore = usedHeapAfterGc();
        long maxHeapDuring = heapBefore;
        long start = System.nanoTime();
        for (int n = 0; n < chunks; n++) {
            expect(fx.chunk(doctor, id, n, part(n, chunk, size)), 200);
            if (n % 64 == 0) {
                maxHeapDuring = Math.max(maxHeapDuring, usedHeap());
            }
        }
        long uploaded = System.nanoTime();
        expect(doctor.post("/api/v1/recordings/" + id + "/complete", "{}"), 200);
        long completed = System.nanoTime();
        double uploadMibS = mib / ((uploaded - start) / 1e9);
        double withCompleteMibS = mib / ((completed - start) / 1e9);
        System.out.printf(
                Locale.ROOT,
                "upload %d MiB in %d-byte chunks over TLS: %.1f MiB/s (chunks only), %.1f MiB/s with completion's"
                        + " whole-file digest; heap (in-process server and client) %d MiB before, at most %d MiB"
                        + " sampled during (+%d MiB)%n",
                mib,
                chunk,
                uploadMibS,
                withCompleteMibS,
                heapBefore >> 20,
                maxHeapDuring >> 20,
                (maxHeapDuring - heapBefore) >> 20);

        for (double at : new double[] {0, 1.0 / 3, 0.9}) {
            long offset = (long) (size * at);
            List<Long> ttfb = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                ttfb.add(firstByteMicros(server, doctor, id, offset));
            }
            List<Long> sorted = ttfb.subList(5, ttfb.size()).stream().sorted().toList(); // 5 warm-up reads
            System.out.printf(
                    Locale.ROOT,
                    "range read of 64 KiB at %3.0f %% (offset %d): time to first byte median %.2f ms, max %.2f ms"
                            + " (20 reads)%n",
                    at * 100,
                    offset,
                    sorted.get(sorted.size() / 2) / 1000.0,
                    sorted.getLast() / 1000.0);
        }
        System.exit(0);
    }

    /** Chunk {@code n}: deterministic bytes, the first chunk starting with the EBML signature. */
    static byte[] part(int n, int chunk, long size) {
        int length = (int) Math.min(chunk, size - (long) n * chunk);
        byte[] bytes = new byte[length];
        new Random(n).nextBytes(bytes);
        if (n == 0) {
            System.arraycopy(RecordingFixture.EBML, 0, bytes, 0, RecordingFixture.EBML.length);
        }
        return bytes;
    }

    static long firstByteMicros(RunningServer server, Workforce who, String id, long offset) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri("/api/v1/artifacts/" + id + "/content"))
                .header("Range", "bytes=" + offset + "-" + (offset + 65_535))
                .GET()
                .build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = who.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 206 || body.read() < 0) {
                throw new IllegalStateException("range read answered " + response.statusCode());
            }
            long micros = (System.nanoTime() - start) / 1000;
            body.transferTo(java.io.OutputStream.nullOutputStream());
            return micros;
        }
    }

    static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long usedHeapAfterGc() {
        System.gc();
        return usedHeap();
    }
}
