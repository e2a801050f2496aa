package health.securevisit.identity.internal;

import health.securevisit.identity.AccountContainment;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.identity.WorkforceRoles;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link AccountContainment} and {@link WorkforceRoles} through the account administration (same checks, same audit record). */
@Component
class UserContainment implements AccountContainment, WorkforceRoles {

    private final UserAdministration administration;

    UserContainment(UserAdministration administration) {
        this.administration = administration;
    }

    @Override
    public void disable(WorkforcePrincipal by, UUID accountId) {
        administration.setEnabled(by, accountId, false);
    }

    @Override
    public void replace(WorkforcePrincipal by, UUID accountId, Set<Role> roles) {
        administration.setRoles(by, accountId, roles);
    }
}
