package health.securevisit.platform;

import java.net.URI;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The address people reach this server at, for links the server hands out (patient join links):
 * {@code SECUREVISIT_PUBLIC_URL}, or {@code https://localhost:<port>} for a server used on this
 * machine only. It never comes from a request (its {@code Host} or forwarded headers), so a forged
 * header cannot point a link elsewhere.
 *
 * <p>The setting is an {@code https} URL with a host and nothing after it but an optional
 * {@code /}. It is required when the server has a configured certificate ({@code SECUREVISIT_TLS_CERT}):
 * the generated certificate is for localhost only, so a configured one means other machines reach the
 * server, under a name that links must carry. Without it, or when it is malformed, start-up is
 * refused with one line naming {@code SECUREVISIT_PUBLIC_URL} (PublicUrlPreflight).
 */
@Component
public final class PublicUrl implements ApplicationListener<WebServerInitializedEvent> {

    private final PlatformSettings settings;
    private volatile String base;

    PublicUrl(PlatformSettings settings) {
        this.settings = settings;
        this.base = settings.publicUrl() == null
                ? "https://localhost:8443"
                : settings.publicUrl().toString().replaceAll("/+$", "");
    }

    /** The base URL without a trailing slash, e.g. {@code https://visit.example.org}. */
    public String base() {
        return base;
    }

    /** An absolute URL on this server for {@code path} (which starts with {@code /}). */
    public URI resolve(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /");
        }
        return URI.create(base + path);
    }

    /** Without the setting, the port the server actually listens on (it may be chosen at start). */
    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (settings.publicUrl() == null && event.getWebServer().getPort() > 0) {
            base = "https://localhost:" + event.getWebServer().getPort();
        }
    }
}
