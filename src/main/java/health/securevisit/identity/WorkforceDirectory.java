package health.securevisit.identity;

import java.util.UUID;

/** Questions other modules ask about workforce accounts (no credentials, no personal data). */
public interface WorkforceDirectory {

    /** Whether {@code id} is an enabled account holding the CLINICIAN role. */
    boolean isActiveClinician(UUID id);
}
