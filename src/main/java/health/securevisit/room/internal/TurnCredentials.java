package health.securevisit.room.internal;

import health.securevisit.platform.Egress;
import health.securevisit.platform.EgressDeclaration;
import health.securevisit.platform.EgressGate;
import health.securevisit.platform.Transport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * TURN credentials in the TURN REST API scheme (draft-uberti-behave-turn-rest, coturn's
 * {@code use-auth-secret}): {@code username = <expiry epoch seconds>:<visitId>:<participantId>},
 * {@code credential = base64(HMAC-SHA1(secret, username))}. The TURN server checks the HMAC with the
 * shared secret and refuses an expired timestamp; SecureVisit stores nothing.
 *
 * <p>Security guarantees: a credential is valid at most {@link TurnSettings#credentialTtl()} (10 minutes
 * at most); it names the visit and participant it was minted for (visible in the TURN server's log); it
 * cannot be forged without the secret. The secret never leaves this class.
 *
 * <p>Configured TURN URLs are the egress integration {@code turn} ({@code SECUREVISIT_EGRESS_VENDOR_TURN}:
 * the vendor running the relay, or {@code self-hosted} for our own coturn): while the platform's
 * {@link EgressGate} refuses that vendor, no credential is minted ({@link RoomFailure#turnVendorRefused()}),
 * so no visit media is relayed through it.
 */
@Component
public class TurnCredentials {

    /** One RTCIceServer: URLs, username and credential. */
    public record IceServer(List<String> urls, String username, String credential) {
        @Override
        public String toString() {
            return "IceServer[urls=" + urls + ", username=" + username + ", credential=***]";
        }
    }

    /** What a participant's RTCPeerConnection is configured with. */
    public record IceConfiguration(List<IceServer> iceServers, String iceTransportPolicy, long ttlSeconds) {}

    private final TurnSettings settings;
    private final Clock clock;
    private final EgressGate gate;
    private final @Nullable Egress egress;

    TurnCredentials(TurnSettings settings, EgressGate gate, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.gate = gate;
        this.egress = settings.urls().isEmpty() ? null : gate.register(egress(settings.urls()));
    }

    static final String TURN = "turn";

    /** What the TURN integration tells the egress gate (and through it the data-flow map). */
    static EgressDeclaration egress(List<String> urls) {
        URI first = URI.create(urls.getFirst());
        return new EgressDeclaration(
                TURN,
                "TURN relay for visit media",
                "visit audio/video relayed between the browsers (DTLS-SRTP end to end)",
                first.getSchemeSpecificPart().replaceAll("\\?.*$", ""),
                Transport.dtlsSrtp());
    }

    /** The TURN integration as registered with the egress gate, or null when no TURN is configured. */
    public @Nullable Egress egress() {
        return egress;
    }

    /** The configured TURN URLs. */
    public List<String> urls() {
        return settings.urls();
    }

    /**
     * The ICE configuration for one participant.
     *
     * @throws RoomFailure {@code turn-vendor-refused} when the TURN vendor's BAA is not current
     */
    public IceConfiguration mint(UUID visitId, UUID participantId) {
        String policy = settings.allowDirect() ? "all" : "relay";
        long ttl = settings.credentialTtl().toSeconds();
        String secret = settings.secret();
        if (settings.urls().isEmpty() || secret == null) {
            return new IceConfiguration(List.of(), policy, ttl);
        }
        if (egress != null && !gate.permits(egress)) {
            throw RoomFailure.turnVendorRefused();
        }
        long expiry = clock.instant().getEpochSecond() + ttl;
        String username = expiry + ":" + visitId + ":" + participantId;
        return new IceConfiguration(
                List.of(new IceServer(settings.urls(), username, hmac(secret, username))), policy, ttl);
    }

    /** base64(HMAC-SHA1(secret, username)), as coturn computes it. */
    static String hmac(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from the JDK", e);
        }
    }
}
