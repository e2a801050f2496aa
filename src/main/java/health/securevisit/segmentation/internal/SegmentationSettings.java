package health.securevisit.segmentation.internal;

import health.securevisit.platform.StartupException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Settings of the segmentation self-test ({@code SECUREVISIT_SEGMENTATION_*}).
 *
 * @param allowedRanges the address ranges (CIDR) a policy target may resolve to; a target with any
 *     address outside them is refused, so the probe never scans what the organisation did not name
 *     (default: the private ranges 10/8, 172.16/12, 192.168/16 and fc00::/7)
 * @param probeInterval how often the probe runs (1 s to 24 h)
 * @param probeTimeout how long one connection attempt may take (100 ms to 10 s)
 */
@ConfigurationProperties("securevisit.segmentation")
public record SegmentationSettings(
        @Nullable List<String> allowedRanges,
        @DefaultValue("15m") Duration probeInterval,
        @DefaultValue("2s") Duration probeTimeout) {

    static final List<String> PRIVATE = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7");

    public SegmentationSettings {
        allowedRanges = allowedRanges == null || allowedRanges.isEmpty() ? PRIVATE : List.copyOf(allowedRanges);
        for (String range : allowedRanges) {
            try {
                new IpAddressMatcher(range.strip());
            } catch (IllegalArgumentException e) {
                throw new StartupException(
                        "SECUREVISIT_SEGMENTATION_ALLOWED_RANGES", "must be CIDR ranges such as 10.0.0.0/8");
            }
        }
        if (probeInterval.compareTo(Duration.ofSeconds(1)) < 0 || probeInterval.compareTo(Duration.ofDays(1)) > 0) {
            throw new StartupException("SECUREVISIT_SEGMENTATION_PROBE_INTERVAL", "must be between 1s and 24h");
        }
        if (probeTimeout.compareTo(Duration.ofMillis(100)) < 0 || probeTimeout.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new StartupException("SECUREVISIT_SEGMENTATION_PROBE_TIMEOUT", "must be between 100ms and 10s");
        }
    }

    /** Whether {@code address} (a literal IP address) lies in an allowed range. */
    boolean allows(String address) {
        return allowedRanges.stream().anyMatch(r -> new IpAddressMatcher(r.strip()).matches(address));
    }
}
