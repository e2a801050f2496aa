package health.securevisit.device.internal;

import health.securevisit.platform.StartupException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The MDM compliance CSV upload ({@code SECUREVISIT_DEVICE_CSV_*}).
 *
 * @param maxSize the largest upload (its own request body limit instead of {@code
 *     SECUREVISIT_MAX_REQUEST_BODY}; default 8 MB, about 55,000 rows; at most 64 MB, or start-up is refused:
 *     one upload is one transaction)
 */
@ConfigurationProperties("securevisit.device.csv")
public record CsvSettings(@DefaultValue("8MB") DataSize maxSize) {

    static final DataSize CEILING = DataSize.ofMegabytes(64);

    public CsvSettings {
        if (maxSize.toBytes() <= 0 || maxSize.compareTo(CEILING) > 0) {
            throw new StartupException("SECUREVISIT_DEVICE_CSV_MAX_SIZE", "must be positive and at most 64MB");
        }
    }
}
