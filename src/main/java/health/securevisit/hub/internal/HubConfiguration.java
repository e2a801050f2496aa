package health.securevisit.hub.internal;

import health.securevisit.keys.HubCaKey;
import health.securevisit.platform.StartupException;
import health.securevisit.platform.internal.ProblemWriter;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.web.context.WebApplicationContext;

/**
 * Wires the hub side: the CA, the hub listener (a second connector added to the web server, given
 * its TLS context once the keys and database are ready), the filter that keeps the listeners apart,
 * and the security rules (hub paths are authenticated by the client certificate, not a session;
 * enrolment is open to the holder of a one-time code).
 */
@Configuration(proxyBeanMethods = false)
class HubConfiguration {

    @Bean
    HubCertificateAuthority hubCertificateAuthority(JdbcClient jdbc, HubCaKey key, HubSettings settings, Clock clock) {
        return new HubCertificateAuthority(jdbc, key, settings, clock);
    }

    /** The connector alone (no keys or database needed yet), so the web server can be created first. */
    @Bean
    HubConnector hubConnector(HubSettings settings, Environment environment, ApplicationContext context) {
        int port = settings.port();
        boolean explicit = environment.containsProperty("securevisit.hub.port");
        if (!explicit && "0".equals(environment.getProperty("server.port"))) {
            port = 0; // the main listener takes any free port (tests): so does the hub listener
        }
        if (context instanceof WebApplicationContext) {
            checkPortFree(port); // commands without a web server (keys, backup, evidence) never listen
        }
        return new HubConnector(HubListener.connector(port));
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> hubConnectorOnWebServer(HubConnector connector) {
        return factory -> factory.addAdditionalConnectors(connector.connector());
    }

    @Bean(destroyMethod = "close")
    HubListener hubListener(
            HubConnector connector, SslBundles bundles, HubCertificateAuthority ca, HubSettings settings, Clock clock) {
        return new HubListener(connector.connector(), bundles, ca, settings, clock);
    }

    @Bean
    FilterRegistrationBean<HubPortFilter> hubPortFilter(
            HubConnector connector,
            ObjectProvider<HubListener> listener,
            ObjectProvider<Hubs> hubs,
            ObjectProvider<HubAudit> audit,
            ProblemWriter problems) {
        FilterRegistrationBean<HubPortFilter> registration =
                new FilterRegistrationBean<>(new HubPortFilter(connector, listener, hubs, audit, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    @Bean
    Customizer<HttpSecurity> hubHttpSecurity() {
        return http -> {
            http.authorizeHttpRequests(auth -> auth.requestMatchers(HubPortFilter.HUB_PATHS + "**")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/api/v1/hubs/enrol")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/api/v1/hubs/ca.pem", "/api/v1/hubs/crl")
                    .permitAll());
            http.csrf(csrf -> csrf.ignoringRequestMatchers(HubPortFilter.HUB_PATHS + "**", "/api/v1/hubs/enrol"));
        };
    }

    private static void checkPortFree(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (BindException e) {
            throw new StartupException(HubListener.PORT, "port " + port + " is already in use", e);
        } catch (IOException e) {
            throw new StartupException(HubListener.PORT, "cannot listen on port " + port, e);
        }
    }

    /** Holder of the hub connector (a bean of its own type, not a bare Tomcat connector). */
    record HubConnector(Connector connector) {}
}
