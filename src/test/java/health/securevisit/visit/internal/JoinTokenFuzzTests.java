package health.securevisit.visit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import health.securevisit.fuzz.FuzzServer;
import health.securevisit.platform.SecureVisitException;
import health.securevisit.support.Clinic;
import java.time.LocalDate;

/**
 * Presented join tokens ({@link JoinLinks#join}, the anonymous patient's way in): the link's token
 * with characters changed, inserted or removed, any other text, and the real token with any date of
 * birth. A join succeeds only with the exact token and the patient's date of birth, once; every
 * other attempt ends in the one domain refusal {@code join-refused}, never another exception.
 */
class JoinTokenFuzzTests {

    private static final FuzzServer SERVER = FuzzServer.get();
    private static final JoinLinks LINKS = SERVER.server.context().getBean(JoinLinks.class);
    private static final LocalDate BIRTH = LocalDate.parse(Clinic.DATE_OF_BIRTH);

    private static int attempts;
    private static boolean joined;

    @FuzzTest(maxDuration = "5s")
    void joinsOnlyWithTheExactTokenAndDateOfBirth(FuzzedDataProvider data) {
        String token = switch (data.consumeInt(0, 2)) {
            case 0 -> SERVER.joinToken;
            case 1 -> edited(SERVER.joinToken, data);
            default -> data.consumeString(100);
        };
        LocalDate birth = data.consumeInt(0, 3) == 0 ? LocalDate.ofEpochDay(data.consumeInt(-40_000, 40_000)) : BIRTH;
        // Sources rotate through a documentation range so the per-source throttle is never what answers.
        String source = "203.0.113." + (attempts++ % 250);

        try {
            JoinLinks.Joined result = LINKS.join(token, birth, source);
            assertThat(token).isEqualTo(SERVER.joinToken);
            assertThat(birth).isEqualTo(BIRTH);
            assertThat(joined).as("a link joins once").isFalse();
            assertThat(result.start()).isNotNull();
            joined = true;
        } catch (SecureVisitException refused) {
            assertThat(refused.code()).isEqualTo("join-refused");
        }
    }

    private static String edited(String token, FuzzedDataProvider data) {
        StringBuilder edited = new StringBuilder(token);
        int edits = data.consumeInt(1, 3);
        for (int i = 0; i < edits && !edited.isEmpty(); i++) {
            int at = data.consumeInt(0, edited.length() - 1);
            switch (data.consumeInt(0, 2)) {
                case 0 -> edited.setCharAt(at, data.consumeChar());
                case 1 -> edited.insert(at, data.consumeChar());
                default -> edited.deleteCharAt(at);
            }
        }
        return edited.toString();
    }
}
