package health.securevisit.platform.internal;

import health.securevisit.platform.PlatformSettings;
import org.apache.catalina.Host;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Servlet container wiring: request ids first, then the body limit and the PHI-in-URL guard, and
 * problem+json for errors.
 */
@Configuration(proxyBeanMethods = false)
class WebServerConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            PlatformSettings settings,
            ProblemWriter problems,
            org.springframework.beans.factory.ObjectProvider<health.securevisit.platform.RequestBodyLimit> endpoints) {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(
                settings.maxRequestBody().toBytes(), endpoints.orderedStream().toList(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<PhiInUrlGuard> phiInUrlGuard(ProblemWriter problems) {
        FilterRegistrationBean<PhiInUrlGuard> registration = new FilterRegistrationBean<>(new PhiInUrlGuard(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Errors Tomcat answers itself (malformed requests) also come back as problem+json. */
    @Bean
    TomcatContextCustomizer problemErrorReports() {
        return context -> {
            Host host = (Host) context.getParent();
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        };
    }
}
