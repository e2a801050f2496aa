package health.securevisit.access.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import org.springframework.stereotype.Service;

/** Security officers' view of the stored alerts; each listing is audited before it is returned. */
@Service
public class AlertReview {

    static final String ACTION = "security-alert.list";

    private final SecurityAlerts alerts;
    private final AccessAudit audit;
    private final CurrentWorkforceUser currentUser;

    AlertReview(SecurityAlerts alerts, AccessAudit audit, CurrentWorkforceUser currentUser) {
        this.alerts = alerts;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    public SecurityAlerts.Page list(int page, int size) {
        WorkforcePrincipal principal = currentUser.current().orElse(null);
        SecurityAlerts.Page result = alerts.page(page, size);
        audit.record(
                principal,
                new AccessAudit.Entry(
                        ACTION,
                        Outcome.SUCCESS,
                        "security-review",
                        Role.SECURITY_OFFICER,
                        PurposeOfUse.OPERATIONS,
                        "security-alert",
                        null,
                        null,
                        null));
        return result;
    }
}
