package health.securevisit.identity.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first administrator for scripted installs: {@code SECUREVISIT_BOOTSTRAP_ADMIN_USERNAME} and
 * {@code SECUREVISIT_BOOTSTRAP_ADMIN_PASSWORD}. Used only while no account exists.
 */
@ConfigurationProperties("securevisit.bootstrap")
public record BootstrapSettings(@DefaultValue Admin admin) {

    public record Admin(@Nullable String username, @Nullable String password) {

        public boolean configured() {
            return username != null && !username.isBlank();
        }

        @Override
        public String toString() {
            return "Admin[username=" + username + ", password=***]";
        }
    }
}
