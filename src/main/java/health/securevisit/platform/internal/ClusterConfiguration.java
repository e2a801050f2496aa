package health.securevisit.platform.internal;

import health.securevisit.platform.ClusterSettings;
import health.securevisit.platform.Throttles;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisHttpSession;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Cluster mode ({@link ClusterSettings}, {@code docs/cluster.md}): the Redis connection, shared
 * throttles and Spring Session's shared HTTP sessions, each only when its setting asks for it. With
 * every setting at {@code memory} (the default) none of these beans exists.
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

    static final String SESSIONS = "securevisit.cluster.sessions";
    static final String THROTTLES = "securevisit.cluster.throttles";

    @Bean
    @Conditional(UsesRedis.class)
    LettuceConnectionFactory clusterRedisConnectionFactory(ClusterSettings settings) {
        LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
                .commandTimeout(settings.redisTimeout())
                .clientOptions(ClientOptions.builder()
                        // Redis down: commands fail at once (and the request closed) instead of queueing.
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .socketOptions(SocketOptions.builder()
                                .connectTimeout(settings.redisTimeout())
                                .build())
                        .build());
        if ("rediss".equals(settings.redisUrl().getScheme())) {
            client.useSsl(); // certificates verified (Lettuce's default)
        }
        return new LettuceConnectionFactory(
                LettuceConnectionFactory.createRedisConfiguration(
                        settings.redisUrl().toString()),
                client.build());
    }

    @Bean
    @Conditional(UsesRedis.class)
    StringRedisTemplate clusterRedis(RedisConnectionFactory connections) {
        return new StringRedisTemplate(connections);
    }

    @Bean
    @Primary
    @ConditionalOnProperty(name = THROTTLES, havingValue = "redis")
    Throttles redisThrottles(StringRedisTemplate redis, ClusterSettings settings, Clock clock) {
        return new SharedThrottles(new RedisThrottleStore(redis, settings.keyPrefix(), clock), clock);
    }

    @Bean
    @Primary
    @ConditionalOnProperty(name = THROTTLES, havingValue = "postgresql")
    Throttles jdbcThrottles(JdbcClient jdbc, Clock clock) {
        return new SharedThrottles(new JdbcThrottleStore(jdbc, clock), clock);
    }

    /** The session cookie of {@code application.properties}, which Spring Session writes instead of the container. */
    @Bean
    @Conditional(SharedSessions.class)
    CookieSerializer clusterSessionCookie(Environment environment) {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName(environment.getProperty("server.servlet.session.cookie.name", "__Host-SVSESSION"));
        cookie.setUseSecureCookie(true);
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Strict");
        cookie.setCookiePath("/");
        cookie.setUseBase64Encoding(true);
        return cookie;
    }

    @Bean
    @Conditional(SharedSessions.class)
    FilterRegistrationBean<SharedStateGuard> sharedStateGuard(ProblemWriter problems) {
        FilterRegistrationBean<SharedStateGuard> registration =
                new FilterRegistrationBean<>(new SharedStateGuard(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4); // around Spring Session's filter
        return registration;
    }

    static Duration idleTimeout(Environment environment) {
        return Binder.get(environment)
                .bind("server.servlet.session.timeout", Duration.class)
                .orElse(Duration.ofMinutes(15));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = SESSIONS, havingValue = "redis")
    @EnableRedisHttpSession
    static class RedisSessions {

        @Bean
        SessionRepositoryCustomizer<RedisSessionRepository> clusterRedisSessions(
                ClusterSettings settings, Environment environment) {
            return repository -> {
                repository.setRedisKeyNamespace(settings.keyPrefix() + ":sessions");
                repository.setDefaultMaxInactiveInterval(idleTimeout(environment));
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = SESSIONS, havingValue = "postgresql")
    @EnableJdbcHttpSession
    static class JdbcSessions {

        @Bean
        SessionRepositoryCustomizer<JdbcIndexedSessionRepository> clusterJdbcSessions(Environment environment) {
            return repository -> repository.setDefaultMaxInactiveInterval(idleTimeout(environment));
        }
    }

    static final class UsesRedis extends AnyNestedCondition {

        UsesRedis() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(name = SESSIONS, havingValue = "redis")
        static final class Sessions {}

        @ConditionalOnProperty(name = THROTTLES, havingValue = "redis")
        static final class Throttles {}

        @ConditionalOnProperty(name = "securevisit.cluster.relay", havingValue = "redis")
        static final class Relay {}
    }

    static final class SharedSessions extends AnyNestedCondition {

        SharedSessions() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(name = SESSIONS, havingValue = "redis")
        static final class Redis {}

        @ConditionalOnProperty(name = SESSIONS, havingValue = "postgresql")
        static final class Postgres {}
    }
}
