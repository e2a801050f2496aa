package health.securevisit.identity.internal;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 TOTP as authenticator apps use it: HMAC-SHA1, 6 digits, 30-second steps, one step of
 * clock drift either way (java-otp computes the codes). A code is matched against the steps after
 * the last accepted one only, so each code is accepted once.
 */
public final class Totp {

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    static final int DRIFT_STEPS = 1;

    private final TimeBasedOneTimePasswordGenerator generator;

    public Totp() {
        this(TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1, DIGITS);
    }

    Totp(String algorithm, int digits) {
        this.generator = new TimeBasedOneTimePasswordGenerator(STEP, digits, algorithm);
    }

    public static long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP.getSeconds());
    }

    public String code(byte[] secret, Instant time) {
        try {
            return generator.generateOneTimePasswordString(key(secret), time);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("TOTP secret unusable", e);
        }
    }

    /**
     * The time step whose code equals {@code code}, among now, one step before and one after,
     * later than {@code lastAcceptedStep}; empty when none matches.
     */
    public OptionalLong match(byte[] secret, String code, Instant now, long lastAcceptedStep) {
        if (code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long current = step(now);
        OptionalLong found = OptionalLong.empty();
        for (long s = current - DRIFT_STEPS; s <= current + DRIFT_STEPS; s++) {
            String expected = code(secret, Instant.ofEpochSecond(s * STEP.getSeconds()));
            boolean equal = MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII));
            if (equal && s > lastAcceptedStep && found.isEmpty()) {
                found = OptionalLong.of(s);
            }
        }
        return found;
    }

    private SecretKeySpec key(byte[] secret) {
        return new SecretKeySpec(secret, generator.getAlgorithm());
    }
}
