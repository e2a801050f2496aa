package health.securevisit.platform.web;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Browsers send CSP reports as {@code application/csp-report}, which is JSON by another name. The
 * converter only reads: were it also to write, it would come first in content negotiation and every
 * JSON answer to a request without an {@code Accept} header would be labelled
 * {@code application/csp-report}.
 *
 * <p>It is deliberately not a {@code JacksonJsonHttpMessageConverter}: a bean of that type makes Spring
 * Boot back off from its own JSON converter, and Spring MVC then wrote every JSON answer with a mapper of
 * its own instead of the application's (without the application's modules, such as the chart's writer).
 * {@code HttpContractTests} checks that JSON answers are written with the application's mapper.
 */
@Configuration(proxyBeanMethods = false)
class CspReportConverter {

    static final MediaType CSP_REPORT = MediaType.parseMediaType("application/csp-report");

    @Bean
    CspReportReader cspReportReader(JsonMapper json) {
        return new CspReportReader(json);
    }

    /** Reads {@code application/csp-report} bodies with the application's mapper; never writes. */
    static final class CspReportReader extends AbstractJacksonHttpMessageConverter<JsonMapper> {

        CspReportReader(JsonMapper json) {
            super(json, CSP_REPORT);
        }

        @Override
        public boolean canWrite(Class<?> clazz, @Nullable MediaType mediaType) {
            return false;
        }

        @Override
        public boolean canWrite(ResolvableType targetType, Class<?> valueClass, @Nullable MediaType mediaType) {
            return false;
        }
    }
}
