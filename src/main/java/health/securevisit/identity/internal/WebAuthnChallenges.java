package health.securevisit.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseCookie;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.stereotype.Component;

/**
 * Pending WebAuthn assertion challenges, outside the HTTP session: an anonymous options request
 * creates no server session. Each challenge is kept under a random 128-bit handle in a
 * {@code __Host-} cookie (Secure, HttpOnly, SameSite=Strict) and in a cache bounded by
 * {@code maxPendingChallenges}, for {@link #LIFETIME}, and is taken once.
 */
@Component
public class WebAuthnChallenges {

    static final String COOKIE = "__Host-SVWEBAUTHN";
    static final Duration LIFETIME = Duration.ofMinutes(5);

    private final SecureRandom random = new SecureRandom();
    private final Cache<String, PublicKeyCredentialRequestOptions> pending;

    WebAuthnChallenges(IdentitySettings settings, Clock clock) {
        this.pending = Caffeine.newBuilder()
                .maximumSize(settings.webauthn().maxPendingChallenges())
                .expireAfterWrite(LIFETIME)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    void save(HttpServletResponse response, PublicKeyCredentialRequestOptions options) {
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        pending.put(handle, options);
        response.addHeader("Set-Cookie", cookie(handle, LIFETIME));
    }

    /** The pending options of this client, removed so that they are used once. */
    @Nullable
    PublicKeyCredentialRequestOptions take(HttpServletRequest request, HttpServletResponse response) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName())) {
                response.addHeader("Set-Cookie", cookie("", Duration.ZERO));
                return pending.asMap().remove(c.getValue());
            }
        }
        return null;
    }

    /** How many challenges are pending (for monitoring and tests). */
    public long pending() {
        pending.cleanUp();
        return pending.estimatedSize();
    }

    private static String cookie(String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value)
                .secure(true)
                .httpOnly(true)
                .sameSite("Strict")
                .path("/")
                .maxAge(maxAge)
                .build()
                .toString();
    }
}
