package health.securevisit.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TOTP against the RFC 6238 test vectors and against Debian's oathtool. */
class TotpTests {

    static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
        "HmacSHA1, 12345678901234567890, 59, 94287082",
        "HmacSHA1, 12345678901234567890, 1111111109, 07081804",
        "HmacSHA1, 12345678901234567890, 1111111111, 14050471",
        "HmacSHA1, 12345678901234567890, 1234567890, 89005924",
        "HmacSHA1, 12345678901234567890, 2000000000, 69279037",
        "HmacSHA1, 12345678901234567890, 20000000000, 65353130",
        "HmacSHA256, 12345678901234567890123456789012, 59, 46119246",
        "HmacSHA256, 12345678901234567890123456789012, 1111111111, 67062674",
        "HmacSHA256, 12345678901234567890123456789012, 20000000000, 77737706",
        "HmacSHA512, 1234567890123456789012345678901234567890123456789012345678901234, 59, 90693936",
        "HmacSHA512, 1234567890123456789012345678901234567890123456789012345678901234, 1234567890, 93441116",
        "HmacSHA512, 1234567890123456789012345678901234567890123456789012345678901234, 20000000000, 47863826"
    })
    void matchesTheRfc6238TestVectors(String algorithm, String seed, long time, String expected) {
        Totp totp = new Totp(algorithm, 8);
        byte[] secret = seed.getBytes(StandardCharsets.US_ASCII);
        assertThat(totp.code(secret, Instant.ofEpochSecond(time))).isEqualTo(expected);
    }

    @Test
    void acceptsOneStepOfDriftEitherWayAndNoMore() {
        Totp totp = new Totp();
        Instant now = Instant.ofEpochSecond(1_111_111_111L);
        long step = Totp.step(now);
        for (int offset = -1; offset <= 1; offset++) {
            String code = totp.code(SHA1_SEED, now.plusSeconds(30L * offset));
            assertThat(totp.match(SHA1_SEED, code, now, Long.MIN_VALUE)).hasValue(step + offset);
        }
        assertThat(totp.match(SHA1_SEED, totp.code(SHA1_SEED, now.plusSeconds(60)), now, Long.MIN_VALUE))
                .isEmpty();
        assertThat(totp.match(SHA1_SEED, totp.code(SHA1_SEED, now.minusSeconds(60)), now, Long.MIN_VALUE))
                .isEmpty();
    }

    @Test
    void rejectsACodeOfAnAlreadyAcceptedStep() {
        Totp totp = new Totp();
        Instant now = Instant.ofEpochSecond(1_234_567_890L);
        String code = totp.code(SHA1_SEED, now);
        long step = totp.match(SHA1_SEED, code, now, Long.MIN_VALUE).orElseThrow();
        assertThat(totp.match(SHA1_SEED, code, now, step)).isEmpty();
        assertThat(totp.match(SHA1_SEED, code, now.plusSeconds(20), step)).isEmpty();
    }

    @Test
    void rejectsMalformedCodes() {
        Totp totp = new Totp();
        Instant now = Instant.now();
        for (String bad : new String[] {"", "12345", "1234567", "abcdef", " 12345", "١٢٣٤٥٦"}) {
            assertThat(totp.match(SHA1_SEED, bad, now, Long.MIN_VALUE)).isEmpty();
        }
    }

    @Test
    void agreesWithOathtool() throws Exception {
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        String base32 = Base32.encode(secret);
        Totp totp = new Totp();
        Instant at = Instant.ofEpochSecond(1_800_000_000L);
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                        .withZone(ZoneOffset.UTC)
                        .format(at) + " UTC";
        String oath = oathtool("--totp", "--base32", "--now", when, base32);
        assertThat(totp.code(secret, at)).isEqualTo(oath);

        // And a code oathtool computes for the current time is accepted by the server's check.
        String current = oathtool("--totp", "--base32", base32);
        assertThat(totp.match(secret, current, Instant.now(), Long.MIN_VALUE)).isPresent();
        // java-otp, which the tests use as an authenticator app, agrees as well.
        String javaOtp = new TimeBasedOneTimePasswordGenerator()
                .generateOneTimePasswordString(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA1"), at);
        assertThat(javaOtp).isEqualTo(oath);
    }

    static String oathtool(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "oathtool";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
