package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.keys.CiphertextIntegrityFailed;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Records the keys module's integrity failures in the trail as security events. The event arrives
 * through the JDBC event publication registry, so a failure is still recorded after a restart if the
 * server stopped before this listener ran.
 */
@Component
class IntegrityFailureAuditor {

    static final String ACTION = "security.integrity-failure";

    private final AuditTrail trail;

    IntegrityFailureAuditor(AuditTrail trail) {
        this.trail = trail;
    }

    @ApplicationModuleListener
    void on(CiphertextIntegrityFailed failure) {
        trail.record(AuditEvent.builder(ACTION, Outcome.ERROR, PurposeOfUse.SYSTEM_ADMINISTRATION)
                .reason("ciphertext-integrity")
                .resource("encrypted-object", token(failure.object()))
                .build());
    }

    /** The object's name as one audit token: identifiers only, spaces folded, bounded length. */
    static String token(String object) {
        String folded = object.trim().replaceAll("[^\\x21-\\x7e]+", ":");
        return folded.length() > 128 ? folded.substring(0, 128) : folded;
    }
}
