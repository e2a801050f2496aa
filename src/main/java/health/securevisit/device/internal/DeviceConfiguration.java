package health.securevisit.device.internal;

import health.securevisit.platform.RequestBodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on scheduling for the MDM outbox ({@link MdmOutbox}) and gives the compliance CSV upload its own
 * body limit ({@link CsvSettings}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DeviceConfiguration {

    static final String CSV_PATH = "/api/v1/device-posture/csv";

    @Bean
    RequestBodyLimit complianceCsvBodyLimit(CsvSettings settings) {
        return new RequestBodyLimit("POST", CSV_PATH, settings.maxSize());
    }
}
