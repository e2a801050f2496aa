package health.securevisit.device.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import health.securevisit.audit.Outcome;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Binding a browser key to an inventory device, and proving it.
 *
 * <p>Guarantees: only a public ECDSA P-256 JWK is accepted (kty EC, crv P-256, no private part, a
 * point on the curve; nimbus-jose-jwt parses and checks it) and identified by its RFC 7638 SHA-256
 * thumbprint; only the device's owner binds it, once. A proof is a compact JWS (ES256, kid = the
 * thumbprint) over a server challenge that is random (256 bits), bound to the user and session that
 * asked, single-use and short-lived; nimbus verifies the signature. Every bind and proof, accepted or
 * refused, is audited.
 */
@Service
public class DeviceBinding {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Devices devices;
    private final Challenges challenges;
    private final CurrentWorkforceUser current;
    private final DeviceAudit audit;
    private final DeviceSettings settings;
    private final Clock clock;

    DeviceBinding(
            Devices devices,
            Challenges challenges,
            CurrentWorkforceUser current,
            DeviceAudit audit,
            DeviceSettings settings,
            Clock clock) {
        this.devices = devices;
        this.challenges = challenges;
        this.current = current;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** A bound key: the device and the key's thumbprint. */
    public record Bound(UUID deviceId, String thumbprint) {}

    /** A fresh challenge and when it expires. */
    public record Challenge(String challenge, Instant expiresAt) {}

    /** An accepted proof: the session's device, the device cookie to set, until when the proof counts. */
    public record Proved(UUID deviceId, String cookie, Instant validUntil) {}

    public Bound bind(UUID deviceId, Map<String, Object> publicJwk) {
        WorkforcePrincipal me = current.current().orElseThrow(DeviceFailure::notYours);
        Device device = devices.find(deviceId).orElseThrow(DeviceFailure::notFound);
        if (!device.ownerId().equals(me.id())) {
            audit.record(me, "device.bind", Outcome.DENIED, "device-not-yours", deviceId);
            throw DeviceFailure.notYours();
        }
        ECKey key;
        try {
            JWK jwk = JWK.parse(publicJwk);
            if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || ec.isPrivate()) {
                throw new ParseException("not a public P-256 key", 0);
            }
            key = ec.toPublicJWK();
        } catch (ParseException | RuntimeException e) {
            audit.record(me, "device.bind", Outcome.DENIED, "device-key-invalid", deviceId);
            throw DeviceFailure.badKey();
        }
        String thumbprint;
        try {
            thumbprint = key.computeThumbprint("SHA-256").toString();
        } catch (JOSEException e) {
            throw DeviceFailure.badKey();
        }
        if (devices.byThumbprint(thumbprint).isPresent()
                || !devices.bind(deviceId, key.toJSONString(), thumbprint, clock.instant())) {
            audit.record(me, "device.bind", Outcome.DENIED, "device-not-unbound", deviceId);
            throw DeviceFailure.notUnbound();
        }
        audit.record(me, "device.bind", Outcome.SUCCESS, null, deviceId);
        return new Bound(deviceId, thumbprint);
    }

    public Challenge challenge() {
        WorkforcePrincipal me = current.current().orElseThrow(DeviceFailure::notYours);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(settings.challengeTtl());
        challenges.insert(sha256(challenge), me.id(), me.sessionRef(), now, expires);
        return new Challenge(challenge, expires);
    }

    /** Verifies a proof; the caller stores the returned proof in the session and sets the cookie. */
    public Proved prove(String compactJws) {
        WorkforcePrincipal me = current.current().orElseThrow(DeviceFailure::notYours);
        Instant now = clock.instant();
        JWSObject jws;
        Device device;
        try {
            jws = JWSObject.parse(compactJws);
            String kid = jws.getHeader().getKeyID();
            if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm()) || kid == null) {
                throw new ParseException("ES256 with a kid only", 0);
            }
            Optional<Device> found = devices.byThumbprint(kid);
            if (found.isEmpty()
                    || found.get().binding() != Device.Binding.BOUND
                    || !found.get().ownerId().equals(me.id())
                    || found.get().publicJwk() == null) {
                throw new ParseException("no device bound to this key for this user", 0);
            }
            device = found.get();
            if (!jws.verify(new ECDSAVerifier(ECKey.parse(device.publicJwk())))) {
                throw new ParseException("bad signature", 0);
            }
        } catch (ParseException | JOSEException | RuntimeException e) {
            audit.record(me, "device.proof", Outcome.DENIED, "device-proof-invalid", null);
            throw DeviceFailure.proofInvalid();
        }
        Map<String, Object> payload = jws.getPayload().toJSONObject();
        Object challenge = payload == null ? null : payload.get("challenge");
        Object claimedDevice = payload == null ? null : payload.get("deviceId");
        if (!(challenge instanceof String c)
                || !device.id().toString().equals(claimedDevice)
                || !challenges.consume(sha256(c), me.id(), me.sessionRef(), now)) {
            audit.record(me, "device.proof", Outcome.DENIED, "device-challenge-invalid", device.id());
            throw DeviceFailure.challengeInvalid();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        devices.seen(device.id(), now);
        audit.record(me.withDevice(device.id().toString()), "device.proof", Outcome.SUCCESS, null, device.id());
        return new Proved(device.id(), cookie, now.plus(settings.proofMaxAge()));
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
