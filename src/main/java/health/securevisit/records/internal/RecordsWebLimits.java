package health.securevisit.records.internal;

import health.securevisit.platform.RequestBodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chunk upload's body limit is {@code SECUREVISIT_RECORDS_MAX_CHUNK_SIZE} (up to 64 MB), not the
 * global {@code SECUREVISIT_MAX_REQUEST_BODY}: larger chunks need no larger limit elsewhere.
 */
@Configuration(proxyBeanMethods = false)
class RecordsWebLimits {

    @Bean
    RequestBodyLimit recordingChunkBodyLimit(RecordsSettings settings) {
        return new RequestBodyLimit("PUT", "/api/v1/recordings/*/chunks/*", settings.maxChunkSize());
    }
}
