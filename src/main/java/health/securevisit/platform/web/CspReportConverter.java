package health.securevisit.platform.web;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;

/** Browsers send CSP reports as {@code application/csp-report}, which is JSON by another name. */
@Configuration(proxyBeanMethods = false)
class CspReportConverter {

    static final MediaType CSP_REPORT = MediaType.parseMediaType("application/csp-report");

    @Bean
    JacksonJsonHttpMessageConverter cspReportJsonConverter(JsonMapper json) {
        JacksonJsonHttpMessageConverter converter = new JacksonJsonHttpMessageConverter(json);
        converter.setSupportedMediaTypes(List.of(CSP_REPORT));
        return converter;
    }
}
