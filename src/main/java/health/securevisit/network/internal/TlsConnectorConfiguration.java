package health.securevisit.network.internal;

import health.securevisit.network.TlsPolicy;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the SSL bundle cannot say about the HTTPS listener: its key-exchange groups (Tomcat passes
 * them to {@code SSLParameters#setNamedGroups}, for this listener only) and the session lifetime,
 * which the JDK also sends as the session ticket's lifetime. Runs after Spring Boot has configured
 * the connector's SSL.
 */
@Configuration(proxyBeanMethods = false)
class TlsConnectorConfiguration {

    @Bean
    TomcatConnectorCustomizer tlsGroupsAndSessionLifetime() {
        return TlsConnectorConfiguration::customize;
    }

    static void customize(Connector connector) {
        for (SSLHostConfig host : connector.findSslHostConfigs()) {
            host.setGroups(String.join(",", TlsPolicy.NAMED_GROUPS));
            host.setSessionTimeout(Math.toIntExact(TlsPolicy.SESSION_LIFETIME.toSeconds()));
        }
    }
}
