package health.securevisit.vendor.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The vendor register ({@code SECUREVISIT_VENDOR_*}).
 *
 * @param baaMaxSize the largest BAA document accepted (also bounded by {@code SECUREVISIT_MAX_REQUEST_BODY})
 * @param reviewWindowDays how many days before an expiry or a yearly verification the vendor shows as
 *     review due
 */
@ConfigurationProperties("securevisit.vendor")
public record VendorSettings(
        @DefaultValue("1MB") DataSize baaMaxSize,
        @DefaultValue("30") int reviewWindowDays) {}
