package health.securevisit.records;

import static health.securevisit.support.Workforce.expect;

import health.securevisit.support.RunningServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chunk endpoint's body limit is SECUREVISIT_RECORDS_MAX_CHUNK_SIZE, not the global
 * SECUREVISIT_MAX_REQUEST_BODY (1 MB), which still holds everywhere else.
 */
class ChunkBodyLimitTests {

    static final int MiB = 1024 * 1024;

    @Test
    void chunksFollowTheirOwnLimitAndOtherBodiesTheGlobalOne() {
        try (RunningServer server = RunningServer.start(Map.of("records.max-chunk-size", "3MB"))) {
            RecordingFixture fx = RecordingFixture.on(server);
            fx.consent("RECORDING", "GIVEN");
            byte[] media = RecordingFixture.media(3 * MiB + 4096, "big-chunks");
            String id = fx.started(media);
            expect(fx.chunk(fx.doctor(), id, 0, RecordingFixture.part(media, 3 * MiB, 0)), 200);
            Problem.is(fx.chunk(fx.doctor(), id, 1, new byte[3 * MiB + 1]), 413, "payload-too-large");
            expect(fx.chunk(fx.doctor(), id, 1, RecordingFixture.part(media, 3 * MiB, 1)), 200);
            expect(fx.doctor().post("/api/v1/recordings/" + id + "/complete", "{}"), 200);

            byte[] png = new byte[2 * MiB];
            System.arraycopy(RecordingFixture.PNG, 0, png, 0, RecordingFixture.PNG.length);
            Problem.is(RecordingContract.screenshot(fx, png, "image/png"), 413, "payload-too-large");
        }
    }
}
