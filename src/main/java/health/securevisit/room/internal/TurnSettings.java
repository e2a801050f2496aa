package health.securevisit.room.internal;

import health.securevisit.platform.StartupException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TURN settings ({@code SECUREVISIT_TURN_*}): the TURN server(s) and the secret shared with them
 * (coturn's {@code static-auth-secret} with {@code use-auth-secret}).
 *
 * @param urls {@code turn:} / {@code turns:} URLs, comma-separated ({@code SECUREVISIT_TURN_URLS}); empty:
 *     the room offers no ICE server (calls then only work on networks that connect directly, and only
 *     with {@code allowDirect})
 * @param secret the shared secret ({@code SECUREVISIT_TURN_SECRET}), at least 32 characters when URLs
 *     are set
 * @param credentialTtl how long a minted credential is valid (1 min .. 10 min)
 * @param allowDirect whether the room lets browsers use direct (host and server-reflexive) paths:
 *     {@code iceTransportPolicy} "all"; by default "relay", so neither side learns the other's address
 */
@ConfigurationProperties("securevisit.turn")
public record TurnSettings(
        @DefaultValue List<String> urls,
        @Nullable String secret,
        @DefaultValue("10m") Duration credentialTtl,
        @DefaultValue("false") boolean allowDirect) {

    static final Duration MAX_TTL = Duration.ofMinutes(10);
    private static final Pattern URL = Pattern.compile("turns?:[A-Za-z0-9.\\-\\[\\]:]+(\\?transport=(udp|tcp))?");

    public TurnSettings {
        urls = List.copyOf(
                urls.stream().map(String::trim).filter(u -> !u.isEmpty()).toList());
        for (String url : urls) {
            if (!URL.matcher(url).matches()) {
                throw new StartupException(
                        "SECUREVISIT_TURN_URLS", "each URL must look like turn:host:3478?transport=udp");
            }
            URI.create(url);
        }
        if (!urls.isEmpty() && (secret == null || secret.length() < 32)) {
            throw new StartupException(
                    "SECUREVISIT_TURN_SECRET", "must be set, at least 32 characters, with TURN URLs");
        }
        if (credentialTtl.compareTo(Duration.ofMinutes(1)) < 0 || credentialTtl.compareTo(MAX_TTL) > 0) {
            throw new StartupException("SECUREVISIT_TURN_CREDENTIAL_TTL", "must be between 1 and 10 minutes");
        }
    }

    @Override
    public String toString() {
        return "TurnSettings[urls=" + urls + ", secret=***, credentialTtl=" + credentialTtl + ", allowDirect="
                + allowDirect + "]";
    }
}
