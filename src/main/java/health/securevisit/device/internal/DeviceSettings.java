package health.securevisit.device.internal;

import health.securevisit.platform.StartupException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the device module ({@code SECUREVISIT_DEVICE_*}). The posture rules can be made
 * stricter, never weaker than the seed: screen lock at most 15 minutes, reports at most 24 hours old,
 * antivirus signatures at most 7 days old, a device proof at most 15 minutes old. A weaker value is
 * refused at start-up; a single device gets a recorded exception with an expiry instead.
 *
 * @param proofMaxAge how long a device-key proof counts (the pages prove again at half of it)
 * @param challengeTtl how long a proof challenge can be used (once)
 * @param maxScreenLock the longest accepted screen-lock timeout
 * @param maxReportAge the oldest posture report that counts
 * @param maxAntivirusSignatureAge the oldest accepted antivirus signatures
 * @param minOsVersion minimum OS version per OS name (lower case), for example {@code windows=10.0.19045}
 * @param integrations MDM/osquery integrations by name, each with its HMAC-SHA256 secret
 * @param osqueryPolicies the osquery/Fleet policy name that proves each check
 * @param mdm where wipe and lock requests go (Fleet's API shape)
 */
@ConfigurationProperties("securevisit.device")
public record DeviceSettings(
        @DefaultValue("5m") Duration proofMaxAge,
        @DefaultValue("2m") Duration challengeTtl,
        @DefaultValue("15m") Duration maxScreenLock,
        @DefaultValue("24h") Duration maxReportAge,
        @DefaultValue("7d") Duration maxAntivirusSignatureAge,
        @Nullable Map<String, String> minOsVersion,
        @Nullable Map<String, Integration> integrations,
        @Nullable Map<String, String> osqueryPolicies,
        @DefaultValue Mdm mdm) {

    static final Duration SEED_SCREEN_LOCK = Duration.ofMinutes(15);
    static final Duration SEED_REPORT_AGE = Duration.ofHours(24);
    static final Duration MAX_SIGNATURE_AGE = Duration.ofDays(7);
    static final Duration MAX_PROOF_AGE = Duration.ofMinutes(15);
    static final int MIN_SECRET = 32;

    /** An MDM or osquery integration that signs its reports with HMAC-SHA256. */
    public record Integration(String secret) {}

    /**
     * The MDM that receives wipe and lock requests.
     *
     * @param url its base URL (https only), or empty when none is configured (requests wait)
     * @param token the API token sent as a bearer token
     * @param maxAttempts attempts before a request is marked FAILED
     * @param retryBase the first retry delay (doubled at each attempt, at most one hour)
     * @param pollInterval how often the outbox looks for due requests
     */
    public record Mdm(
            @DefaultValue("") String url,
            @DefaultValue("") String token,
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("10s") Duration retryBase,
            @DefaultValue("5s") Duration pollInterval) {}

    public DeviceSettings {
        atMost(proofMaxAge, MAX_PROOF_AGE, "SECUREVISIT_DEVICE_PROOF_MAX_AGE");
        atMost(challengeTtl, Duration.ofMinutes(5), "SECUREVISIT_DEVICE_CHALLENGE_TTL");
        atMost(maxScreenLock, SEED_SCREEN_LOCK, "SECUREVISIT_DEVICE_MAX_SCREEN_LOCK");
        atMost(maxReportAge, SEED_REPORT_AGE, "SECUREVISIT_DEVICE_MAX_REPORT_AGE");
        atMost(maxAntivirusSignatureAge, MAX_SIGNATURE_AGE, "SECUREVISIT_DEVICE_MAX_ANTIVIRUS_SIGNATURE_AGE");
        minOsVersion = minOsVersion == null || minOsVersion.isEmpty()
                ? Map.of(
                        "windows", "10.0.19045",
                        "macos", "14.0",
                        "ios", "17.0",
                        "ipados", "17.0",
                        "android", "14",
                        "chromeos", "120",
                        "linux", "6.1")
                : Map.copyOf(minOsVersion);
        integrations = integrations == null ? Map.of() : Map.copyOf(integrations);
        integrations.forEach((name, integration) -> {
            if (integration.secret() == null || integration.secret().length() < MIN_SECRET) {
                throw new StartupException(
                        "SECUREVISIT_DEVICE_INTEGRATIONS_" + name.toUpperCase(Locale.ROOT) + "_SECRET",
                        "must be at least " + MIN_SECRET + " characters");
            }
        });
        osqueryPolicies = osqueryPolicies == null || osqueryPolicies.isEmpty()
                ? Map.of(
                        "disk-encryption", "Full disk encryption enabled",
                        "screen-lock", "Screen lock after 15 minutes or less",
                        "antivirus", "Antivirus running with current signatures",
                        "os-version", "Operating system at or above minimum",
                        "mdm", "MDM enrolled with remote wipe")
                : Map.copyOf(osqueryPolicies);
        if (!mdm.url().isBlank() && !mdm.url().startsWith("https://")) {
            throw new StartupException("SECUREVISIT_DEVICE_MDM_URL", "must be an https URL");
        }
        if (mdm.maxAttempts() < 1) {
            throw new StartupException("SECUREVISIT_DEVICE_MDM_MAX_ATTEMPTS", "must be at least 1");
        }
    }

    private static void atMost(Duration value, Duration max, String setting) {
        if (value.isZero() || value.isNegative() || value.compareTo(max) > 0) {
            throw new StartupException(
                    setting, "must be positive and at most " + max + " (the seed's limit); it is " + value);
        }
    }
}
