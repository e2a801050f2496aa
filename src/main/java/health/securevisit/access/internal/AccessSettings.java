package health.securevisit.access.internal;

import health.securevisit.platform.StartupException;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the access decision point ({@code SECUREVISIT_ACCESS_*}), refused at start-up with one
 * line when they would weaken the policy: windows and MFA ages must be positive, the window before a
 * visit at most 24 h, the clinical MFA age at most 12 h, a break-glass grant between 5 minutes and
 * 24 hours, and a break-glass reason at least 20 characters.
 *
 * @param windowBeforeStart how long before a visit's start its care team sees the patient
 * @param windowAfterEnd how long after a visit's end its care team still sees the patient
 * @param clinicalMfaMaxAge the largest MFA age for clinical data (step-up at every session)
 * @param breakGlassDuration how long a break-glass grant lasts
 * @param breakGlassMfaMaxAge the largest MFA age for opening a break-glass grant
 * @param breakGlassMinReason the fewest characters of a break-glass reason (after trimming)
 * @param unknownDevicePosture {@code ALLOW} or {@code DENY} (default): what an unknown device posture
 *     (no bound device proved on the request, or no posture evidence) means; see docs/devices.md
 * @param unknownTraining {@code ALLOW} or {@code DENY}: what an unknown training status means
 */
@ConfigurationProperties("securevisit.access")
public record AccessSettings(
        @DefaultValue("15m") Duration windowBeforeStart,
        @DefaultValue("24h") Duration windowAfterEnd,
        @DefaultValue("15m") Duration clinicalMfaMaxAge,
        @DefaultValue("60m") Duration breakGlassDuration,
        @DefaultValue("5m") Duration breakGlassMfaMaxAge,
        @DefaultValue("20") int breakGlassMinReason,
        @DefaultValue("DENY") String unknownDevicePosture,
        @DefaultValue("ALLOW") String unknownTraining) {

    static final Duration MAX_WINDOW_BEFORE_START = Duration.ofHours(24);
    static final Duration MAX_CLINICAL_MFA_AGE = Duration.ofHours(12);
    static final Duration MIN_BREAK_GLASS = Duration.ofMinutes(5);
    static final Duration MAX_BREAK_GLASS = Duration.ofHours(24);
    static final int MIN_REASON = 20;

    public AccessSettings {
        positive(windowBeforeStart, "SECUREVISIT_ACCESS_WINDOW_BEFORE_START");
        atMost(windowBeforeStart, MAX_WINDOW_BEFORE_START, "SECUREVISIT_ACCESS_WINDOW_BEFORE_START");
        positive(windowAfterEnd, "SECUREVISIT_ACCESS_WINDOW_AFTER_END");
        positive(clinicalMfaMaxAge, "SECUREVISIT_ACCESS_CLINICAL_MFA_MAX_AGE");
        atMost(clinicalMfaMaxAge, MAX_CLINICAL_MFA_AGE, "SECUREVISIT_ACCESS_CLINICAL_MFA_MAX_AGE");
        positive(breakGlassDuration, "SECUREVISIT_ACCESS_BREAK_GLASS_DURATION");
        if (breakGlassDuration.compareTo(MIN_BREAK_GLASS) < 0) {
            throw new StartupException(
                    "SECUREVISIT_ACCESS_BREAK_GLASS_DURATION", "must be at least 5m; it is " + breakGlassDuration);
        }
        atMost(breakGlassDuration, MAX_BREAK_GLASS, "SECUREVISIT_ACCESS_BREAK_GLASS_DURATION");
        positive(breakGlassMfaMaxAge, "SECUREVISIT_ACCESS_BREAK_GLASS_MFA_MAX_AGE");
        if (breakGlassMinReason < MIN_REASON) {
            throw new StartupException(
                    "SECUREVISIT_ACCESS_BREAK_GLASS_MIN_REASON",
                    "must be at least " + MIN_REASON + "; it is " + breakGlassMinReason);
        }
        unknownDevicePosture = allowOrDeny(unknownDevicePosture, "SECUREVISIT_ACCESS_UNKNOWN_DEVICE_POSTURE");
        unknownTraining = allowOrDeny(unknownTraining, "SECUREVISIT_ACCESS_UNKNOWN_TRAINING");
    }

    /** The defaults (for tests and tools). */
    public static AccessSettings defaults() {
        return new AccessSettings(
                Duration.ofMinutes(15),
                Duration.ofHours(24),
                Duration.ofMinutes(15),
                Duration.ofMinutes(60),
                Duration.ofMinutes(5),
                20,
                "DENY",
                "ALLOW");
    }

    boolean allowsUnknownDevicePosture() {
        return unknownDevicePosture.equals("ALLOW");
    }

    boolean allowsUnknownTraining() {
        return unknownTraining.equals("ALLOW");
    }

    private static void positive(Duration value, String setting) {
        if (value.isZero() || value.isNegative()) {
            throw new StartupException(setting, "must be a positive duration; it is " + value);
        }
    }

    private static void atMost(Duration value, Duration max, String setting) {
        if (value.compareTo(max) > 0) {
            throw new StartupException(setting, "must not exceed " + max.toHours() + "h; it is " + value);
        }
    }

    private static String allowOrDeny(String value, String setting) {
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (!upper.equals("ALLOW") && !upper.equals("DENY")) {
            throw new StartupException(setting, "must be ALLOW or DENY");
        }
        return upper;
    }
}
