package health.securevisit.vendor.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.platform.EgressStateChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records each change of the egress gate in the audit trail as it happens ({@code egress.refused},
 * denied, with the vendor's standing as the reason; {@code egress.resumed}): one record per change.
 */
@Component
class EgressAudit {

    private final VendorAudit audit;

    EgressAudit(VendorAudit audit) {
        this.audit = audit;
    }

    @EventListener
    void on(EgressStateChanged event) {
        audit.record(
                event.action(),
                event.permitted() ? Outcome.SUCCESS : Outcome.DENIED,
                "baa-" + VendorView.code(event.standing()),
                null,
                "egress",
                event.integration() + ":" + event.vendor());
    }
}
