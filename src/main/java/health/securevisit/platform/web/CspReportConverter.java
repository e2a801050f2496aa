package health.securevisit.platform.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Browsers send CSP reports as {@code application/csp-report}, which is JSON by another name. The
 * converter only reads: were it also to write, it would come first in content negotiation and every
 * JSON answer to a request without an {@code Accept} header would be labelled
 * {@code application/csp-report}.
 */
@Configuration(proxyBeanMethods = false)
class CspReportConverter {

    static final MediaType CSP_REPORT = MediaType.parseMediaType("application/csp-report");

    @Bean
    JacksonJsonHttpMessageConverter cspReportJsonConverter(JsonMapper json) {
        JacksonJsonHttpMessageConverter converter = new JacksonJsonHttpMessageConverter(json) {
            @Override
            public boolean canWrite(Class<?> clazz, @Nullable MediaType mediaType) {
                return false;
            }

            @Override
            public boolean canWrite(ResolvableType targetType, Class<?> valueClass, @Nullable MediaType mediaType) {
                return false;
            }
        };
        converter.setSupportedMediaTypes(List.of(CSP_REPORT));
        return converter;
    }
}
