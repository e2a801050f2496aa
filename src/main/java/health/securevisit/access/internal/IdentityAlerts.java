package health.securevisit.access.internal;

import health.securevisit.identity.PhiRoleGranted;
import health.securevisit.identity.SuspiciousSignInsDetected;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns the identity module's security events into stored security alerts. The events arrive
 * through the JDBC event publication registry, so an alert is still raised after a restart.
 */
@Component
class IdentityAlerts {

    static final String SIGN_IN_ACCOUNT = "sign-in-failures-account";
    static final String SIGN_IN_SOURCE = "sign-in-failures-source";
    static final String PHI_ROLE_GRANTED = "phi-role-granted";

    private final SecurityAlerts alerts;

    IdentityAlerts(SecurityAlerts alerts) {
        this.alerts = alerts;
    }

    @ApplicationModuleListener
    void on(SuspiciousSignInsDetected event) {
        String kind =
                event.pattern() == SuspiciousSignInsDetected.Pattern.ONE_ACCOUNT ? SIGN_IN_ACCOUNT : SIGN_IN_SOURCE;
        alerts.insert(new SecurityAlerts.Alert(
                UUID.randomUUID(), kind, "HIGH", event.accountId(), null, null, event.detectedAt(), "OPEN"));
    }

    @ApplicationModuleListener
    void on(PhiRoleGranted event) {
        alerts.insert(new SecurityAlerts.Alert(
                UUID.randomUUID(), PHI_ROLE_GRANTED, "MEDIUM", event.grantedBy(), null, null, event.at(), "OPEN"));
    }
}
