package health.securevisit.identity;

import java.util.Set;
import java.util.UUID;

/** Role changes made by other modules' workflows (the workforce access review). */
public interface WorkforceRoles {

    /**
     * Replaces the roles of {@code accountId} with {@code roles}, with the checks and audit record of an
     * administrator's role change ({@code identity.user.roles}): a recent second factor of {@code by},
     * never an empty set, never a PHI role given to oneself, never the last enabled administrator's.
     *
     * @throws health.securevisit.platform.SecureVisitException when a check refuses the change
     */
    void replace(WorkforcePrincipal by, UUID accountId, Set<Role> roles);
}
