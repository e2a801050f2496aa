package health.securevisit.segmentation.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.SecureVisitException;
import health.securevisit.platform.internal.RequestIdFilter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The segmentation policy: targets (label, host, port) that are FORBIDDEN (must not answer) or
 * REQUIRED (must answer). A target whose host resolves to any address outside the allowed ranges is
 * refused, so the probe only ever connects to networks the organisation named. Changes are audited.
 */
@Service
public class Segmentation {

    static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]{0,252}");
    static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}");

    /** What the policy expects of a target. */
    public enum Expectation {
        FORBIDDEN,
        REQUIRED
    }

    /** One target of the policy. */
    public record Target(UUID id, String label, String host, int port, Expectation expectation) {}

    /** The refusal of a target. */
    static final class Refused extends SecureVisitException {
        Refused(Kind kind, String code, String message) {
            super(kind, code, message);
        }
    }

    private final JdbcClient jdbc;
    private final SegmentationSettings settings;
    private final AuditTrail trail;
    private final Clock clock;

    Segmentation(JdbcClient jdbc, SegmentationSettings settings, AuditTrail trail, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * Adds a target.
     *
     * @throws SecureVisitException {@code target-invalid} (a malformed host, label or port), {@code
     *     target-outside-allowed-ranges} (the host resolves outside the allowed ranges, or not at all),
     *     {@code target-exists}: audited, nothing stored
     */
    @Transactional
    public Target add(WorkforcePrincipal by, String label, String host, int port, Expectation expectation) {
        if (label == null
                || !LABEL.matcher(label).matches()
                || host == null
                || !HOST.matcher(host).matches()
                || port < 1
                || port > 65535) {
            throw refused(
                    by,
                    new Refused(
                            SecureVisitException.Kind.INVALID,
                            "target-invalid",
                            "A target needs a label, a host name or IP address, and a port from 1 to 65535."));
        }
        String normalised = host.toLowerCase(Locale.ROOT);
        if (!allowed(normalised)) {
            throw refused(
                    by,
                    new Refused(
                            SecureVisitException.Kind.INVALID,
                            "target-outside-allowed-ranges",
                            "The target's addresses are not all inside SECUREVISIT_SEGMENTATION_ALLOWED_RANGES; only"
                                    + " networks named there are probed."));
        }
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM network_segmentation_target WHERE host = ? AND port = ?")
                        .params(normalised, port)
                        .query(Long.class)
                        .single()
                > 0;
        if (exists) {
            throw refused(
                    by,
                    new Refused(
                            SecureVisitException.Kind.CONFLICT,
                            "target-exists",
                            "This host and port are in the policy."));
        }
        Target target = new Target(UUID.randomUUID(), label.strip(), normalised, port, expectation);
        jdbc.sql("INSERT INTO network_segmentation_target (id, label, host, port, expectation, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        target.id(),
                        target.label(),
                        target.host(),
                        port,
                        expectation.name(),
                        Timestamp.from(clock.instant()))
                .update();
        audit(by, "segmentation.target.add", Outcome.SUCCESS, expectation.name(), target.id());
        return target;
    }

    @Transactional
    public boolean remove(WorkforcePrincipal by, UUID id) {
        boolean removed = jdbc.sql("DELETE FROM network_segmentation_target WHERE id = ?")
                        .param(id)
                        .update()
                > 0;
        audit(
                by,
                "segmentation.target.remove",
                removed ? Outcome.SUCCESS : Outcome.DENIED,
                removed ? null : "target-not-found",
                id);
        return removed;
    }

    public List<Target> targets() {
        return jdbc.sql("SELECT * FROM network_segmentation_target ORDER BY expectation, host, port")
                .query((rs, n) -> new Target(
                        rs.getObject("id", UUID.class),
                        rs.getString("label"),
                        rs.getString("host"),
                        rs.getInt("port"),
                        Expectation.valueOf(rs.getString("expectation"))))
                .list();
    }

    /** Whether every address of {@code host} lies in an allowed range (false when it does not resolve). */
    boolean allowed(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(a -> settings.allows(a.getHostAddress()));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private Refused refused(WorkforcePrincipal by, Refused refused) {
        audit(by, "segmentation.target.add", Outcome.DENIED, refused.code(), null);
        return refused;
    }

    public void audit(
            @Nullable WorkforcePrincipal by,
            String action,
            Outcome outcome,
            @Nullable String reason,
            @Nullable UUID id) {
        trail.record(AuditEvent.builder(action, outcome, PurposeOfUse.SYSTEM_ADMINISTRATION)
                .reason(reason)
                .actor(by == null ? null : by.id().toString(), by == null ? "system" : "SECURITY_OFFICER")
                .session(by == null ? null : by.sessionRef(), by == null ? null : by.authMethod())
                .resource("segmentation-target", id == null ? null : id.toString())
                .request(MDC.get(RequestIdFilter.MDC_KEY))
                .build());
    }
}
