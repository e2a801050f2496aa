package health.securevisit.access.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Writes the access module's audit records (identifiers and codes only) with who, how, from where
 * and which request; an {@code AuditUnavailableException} propagates so that the caller fails closed.
 */
@Component
class AccessAudit {

    private final AuditTrail trail;

    AccessAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /** The facts of one record besides the principal and the request origin. */
    record Entry(
            String action,
            Outcome outcome,
            String reason,
            @Nullable Role role,
            PurposeOfUse purpose,
            String resourceType,
            @Nullable String resourceId,
            @Nullable UUID patientId,
            @Nullable UUID visitId) {}

    AuditRecord record(@Nullable WorkforcePrincipal principal, Entry entry) {
        RequestOrigin origin = RequestOrigin.current();
        return trail.record(AuditEvent.builder(entry.action(), entry.outcome(), entry.purpose())
                .reason(entry.reason())
                .actor(
                        principal == null ? null : principal.id().toString(),
                        entry.role() == null ? null : entry.role().name())
                .session(
                        principal == null ? null : principal.sessionRef(),
                        principal == null ? null : principal.authMethod())
                .resource(entry.resourceType(), entry.resourceId())
                .patient(entry.patientId() == null ? null : entry.patientId().toString())
                .visit(entry.visitId() == null ? null : entry.visitId().toString())
                .source(origin.address(), principal == null ? null : principal.deviceId())
                .request(origin.requestId())
                .build());
    }
}
