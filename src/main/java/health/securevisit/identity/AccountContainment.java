package health.securevisit.identity;

import java.util.UUID;

/** Incident containment on accounts: disabling one ends its sessions at their next request. */
public interface AccountContainment {

    /**
     * Disables {@code accountId} (audited as {@code identity.user.disable} by {@code by}).
     *
     * @throws health.securevisit.platform.SecureVisitException when the account does not exist or is the
     *     last enabled administrator
     */
    void disable(WorkforcePrincipal by, UUID accountId);
}
