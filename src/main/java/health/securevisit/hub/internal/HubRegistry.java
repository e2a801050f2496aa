package health.securevisit.hub.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.patient.Patients;
import health.securevisit.platform.Throttle;
import health.securevisit.platform.ThrottleRule;
import health.securevisit.platform.Throttles;
import health.securevisit.platform.TooManyAttemptsException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hub lifecycle: registration by a security officer (a one-time enrolment code, kept as its SHA-256
 * only), enrolment with that code and a CSR, renewal over mutual TLS, revocation at once (the CRL is
 * re-signed and the listener reloads it before the call returns). Every outcome, refusals included,
 * is audited.
 */
@Service
public class HubRegistry {

    static final Pattern UPLINK = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Attempts one enrolment code may take (a hub needs one; a few retries with corrected CSRs). */
    static final ThrottleRule PER_CODE = ThrottleRule.perWindow(10, Duration.ofHours(1));

    /** A new hub and its one-time code (shown once, never stored). */
    public record Registration(UUID hubId, String enrolmentCode, Instant expiresAt) {
        @Override
        public String toString() {
            return "Registration[hubId=" + hubId + "]";
        }
    }

    /** A certificate handed to a hub, with the CA certificate it chains to (both PEM). */
    public record Issued(UUID hubId, String serial, Instant notAfter, String certificatePem, String caPem) {}

    private final Hubs hubs;
    private final HubCertificateAuthority ca;
    private final HubListener listener;
    private final Patients patients;
    private final HubAudit audit;
    private final HubSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Throttle sources;
    private final Throttle codes;
    private final SecureRandom random = new SecureRandom();

    HubRegistry(
            Hubs hubs,
            HubCertificateAuthority ca,
            HubListener listener,
            Patients patients,
            HubAudit audit,
            HubSettings settings,
            TransactionTemplate transactions,
            Throttles throttles,
            Clock clock) {
        this.sources = throttles.create(
                "hub-enrol-source", ThrottleRule.perWindow(settings.enrolAttemptsPerMinute(), Duration.ofMinutes(1)));
        this.codes = throttles.create("hub-enrol-code", PER_CODE);
        this.hubs = hubs;
        this.ca = ca;
        this.listener = listener;
        this.patients = patients;
        this.audit = audit;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Registration register(WorkforcePrincipal officer, UUID patientId, NetworkMode mode, String uplink) {
        if (!UPLINK.matcher(uplink).matches()) {
            throw HubFailure.invalid("uplink-invalid", "The uplink id must be 1 to 64 letters, digits or . _ : -");
        }
        if (!patients.exists(patientId)) {
            audit.byWorkforce(
                    officer,
                    Role.SECURITY_OFFICER.name(),
                    "hub.register",
                    Outcome.DENIED,
                    "patient-not-found",
                    null,
                    patientId);
            throw HubFailure.notFound("patient-not-found", "No such patient.");
        }
        UUID id = UUID.randomUUID();
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expires = now.plus(settings.enrolmentCodeValidity());
        transactions.executeWithoutResult(
                tx -> hubs.insert(id, patientId, mode, uplink, hash(code), expires, officer.id(), now));
        audit.byWorkforce(
                officer, Role.SECURITY_OFFICER.name(), "hub.register", Outcome.SUCCESS, mode.name(), id, patientId);
        return new Registration(id, code, expires);
    }

    /**
     * Enrols with a one-time code and a CSR from {@code address}; nothing is stored unless the
     * certificate is issued.
     *
     * @throws TooManyAttemptsException (audited) beyond the attempts per source address or per code
     */
    public Issued enrol(String code, String csrPem, String address) {
        try {
            sources.attempt(Throttles.sourceKey(address));
            codes.attempt(HexFormat.of().formatHex(hash(code)));
        } catch (TooManyAttemptsException e) {
            audit.anonymous("hub.enrol", Outcome.DENIED, "too-many-attempts", null);
            throw e;
        }
        Hubs.Hub hub = hubs.findByCode(hash(code)).orElse(null);
        if (hub == null) {
            audit.anonymous("hub.enrol", Outcome.DENIED, "enrolment-code-unknown", null);
            throw HubFailure.badEnrolmentCode();
        }
        Instant now = clock.instant();
        if (!"PENDING".equals(hub.status())) {
            audit.anonymous("hub.enrol", Outcome.DENIED, "enrolment-code-reused", hub.id());
            throw HubFailure.badEnrolmentCode();
        }
        if (hub.enrolmentExpiresAt() == null || !now.isBefore(hub.enrolmentExpiresAt())) {
            audit.anonymous("hub.enrol", Outcome.DENIED, "enrolment-code-expired", hub.id());
            throw HubFailure.badEnrolmentCode();
        }
        SubjectPublicKeyInfo key = checkedCsr(csrPem, hub.id(), null);
        Issued issued = transactions.execute(tx -> {
            if (!hubs.activate(hub.id(), hash(code), now)) {
                return null;
            }
            return issue(hub.id(), key);
        });
        if (issued == null) {
            audit.anonymous("hub.enrol", Outcome.DENIED, "enrolment-code-reused", hub.id());
            throw HubFailure.badEnrolmentCode();
        }
        audit.byHub("hub.enrol", Outcome.SUCCESS, null, hub.id(), hub.patientId(), issued.serial());
        return issued;
    }

    /** A new certificate for the hub of the current (still valid) one; the old one stays valid until it expires. */
    public Issued renew(HubPrincipal hub, String csrPem) {
        SubjectPublicKeyInfo key = checkedCsr(csrPem, hub.hubId(), hub);
        Issued issued = transactions.execute(tx -> issue(hub.hubId(), key));
        audit.byHub("hub.renew", Outcome.SUCCESS, null, hub.hubId(), hub.patientId(), issued.serial());
        return issued;
    }

    /** Revokes every certificate of the hub at once: CRL re-signed, listener reloaded, before returning. */
    public void revoke(WorkforcePrincipal officer, UUID hubId) {
        Hubs.Hub hub = hubs.find(hubId).orElseThrow(HubFailure::unknownHub);
        HubCertificateAuthority.State state = transactions.execute(tx -> {
            hubs.revoke(hubId, clock.instant());
            return ca.regenerateCrl();
        });
        listener.reload(state);
        audit.byWorkforce(
                officer, Role.SECURITY_OFFICER.name(), "hub.revoke", Outcome.SUCCESS, null, hubId, hub.patientId());
    }

    public List<Hubs.Hub> all() {
        return hubs.all();
    }

    public String caPem() {
        return pem(ca.state().certificate());
    }

    public byte[] crl() {
        try {
            return ca.state().crl().getEncoded();
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException(e);
        }
    }

    private SubjectPublicKeyInfo checkedCsr(String csrPem, UUID hubId, @Nullable HubPrincipal hub) {
        try {
            return CsrCheck.publicKeyOf(csrPem);
        } catch (HubFailure refused) {
            if (hub == null) {
                audit.anonymous("hub.enrol", Outcome.DENIED, refused.code(), hubId);
            } else {
                audit.byHub("hub.renew", Outcome.DENIED, refused.code(), hubId, hub.patientId(), hub.serial());
            }
            throw refused;
        }
    }

    private Issued issue(UUID hubId, SubjectPublicKeyInfo key) {
        X509Certificate cert = ca.issue(hubId, key);
        return new Issued(
                hubId,
                HubCertificateAuthority.serialOf(cert),
                cert.getNotAfter().toInstant(),
                pem(cert),
                pem(ca.state().certificate()));
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
