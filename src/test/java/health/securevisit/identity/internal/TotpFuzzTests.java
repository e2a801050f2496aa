package health.securevisit.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Presented TOTP codes (outside input) against {@link Totp#match}: any string, any secret, any last
 * accepted step. The answer must equal an independent reading of the rule (six ASCII digits, equal
 * to the code of one of the three steps around now, later than the last accepted step, the earliest
 * such step), and the genuine code of now is always accepted once.
 */
class TotpFuzzTests {

    private static final long LATEST_SECOND = 100_000_000_000L;

    private final Totp totp = new Totp();

    @FuzzTest(maxDuration = "5s")
    void matchesOnlyTheCodeOfAStepInTheWindow(FuzzedDataProvider data) {
        byte[] secret = data.consumeBytes(64);
        if (secret.length == 0) {
            secret = new byte[] {0};
        }
        Instant now = Instant.ofEpochSecond(data.consumeLong(0, LATEST_SECOND));
        long lastAccepted = data.consumeBoolean() ? Long.MIN_VALUE : Totp.step(now) + data.consumeInt(-3, 3);
        String presented = data.consumeBoolean()
                ? totp.code(secret, now.plusSeconds(30L * data.consumeInt(-2, 2)))
                : data.consumeRemainingAsString();

        OptionalLong matched = totp.match(secret, presented, now, lastAccepted);

        assertThat(matched).isEqualTo(expected(secret, presented, now, lastAccepted));
        String genuine = totp.code(secret, now);
        assertThat(genuine).hasSize(Totp.DIGITS).containsOnlyDigits();
        assertThat(totp.match(secret, genuine, now, Totp.step(now) - 2)).isPresent();
        assertThat(totp.match(secret, genuine, now, Totp.step(now) + 1)).isEmpty();
    }

    /** The rule written out the slow way, as an oracle. */
    private OptionalLong expected(byte[] secret, String presented, Instant now, long lastAccepted) {
        if (!presented.matches("[0-9]{6}")) {
            return OptionalLong.empty();
        }
        long current = Totp.step(now);
        for (long step = current - 1; step <= current + 1; step++) {
            if (step > lastAccepted
                    && totp.code(secret, Instant.ofEpochSecond(step * 30)).equals(presented)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }
}
