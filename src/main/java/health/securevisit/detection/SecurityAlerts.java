package health.securevisit.detection;

import java.util.Optional;
import java.util.UUID;

/** Alerts as other modules (incidents) read them; reading through this API is not audited by itself. */
public interface SecurityAlerts {

    /** The alert with its linked audit entries. */
    Optional<SecurityAlert> find(UUID id);
}
