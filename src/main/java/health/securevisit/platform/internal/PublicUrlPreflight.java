package health.securevisit.platform.internal;

import health.securevisit.platform.StartupException;
import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks {@code SECUREVISIT_PUBLIC_URL} at start, after the TLS preflight: an https URL with a host
 * and nothing after it but an optional {@code /}; required when a certificate is configured
 * ({@code SECUREVISIT_TLS_CERT}): the generated certificate is for localhost only, so a configured
 * one means other machines reach the server, under a name the links it hands out must carry
 * ({@link health.securevisit.platform.PublicUrl}). A failure is one line naming the setting.
 */
public final class PublicUrlPreflight implements EnvironmentPostProcessor, Ordered {

    static final String SETTING = "SECUREVISIT_PUBLIC_URL";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("securevisit.public-url", "");
        check(url.isBlank() ? null : url.strip(), environment.getProperty("securevisit.tls.cert", ""));
    }

    static void check(@Nullable String setting, String certificate) {
        if (setting == null) {
            if (!certificate.isBlank()) {
                throw new StartupException(
                        SETTING,
                        "is required when SECUREVISIT_TLS_CERT is set: the https address people reach this server at,"
                                + " e.g. https://visit.example.org");
            }
            return;
        }
        URI url;
        try {
            url = new URI(setting);
        } catch (URISyntaxException e) {
            url = null;
        }
        String path = url == null ? null : url.getRawPath();
        if (url == null
                || !"https".equalsIgnoreCase(url.getScheme())
                || url.getHost() == null
                || url.getRawUserInfo() != null
                || (path != null && !path.isEmpty() && !path.equals("/"))
                || url.getRawQuery() != null
                || url.getRawFragment() != null) {
            throw new StartupException(
                    SETTING, "must be an https URL with a host and nothing after it, e.g. https://visit.example.org");
        }
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 12; // after the TLS preflight
    }
}
