package health.securevisit.platform;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The vendor behind each outbound integration ({@code SECUREVISIT_EGRESS_VENDOR_<INTEGRATION>}, for
 * example {@code SECUREVISIT_EGRESS_VENDOR_SYSLOG=acme-siem}).
 *
 * @param vendor integration settings name to vendor key
 * @param refresh how long the gate trusts its last look at the vendor register (changes made on this
 *     node apply at once; this bounds how late another node's change or a date passing is seen)
 */
@ConfigurationProperties("securevisit.egress")
public record EgressSettings(
        @DefaultValue Map<String, String> vendor,
        @DefaultValue("5s") Duration refresh) {

    /** The environment variable that names the vendor of {@code integration}. */
    public static String variable(String integration) {
        return "SECUREVISIT_EGRESS_VENDOR_" + integration.toUpperCase(java.util.Locale.ROOT);
    }
}
