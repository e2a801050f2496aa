package health.securevisit.identity.internal;

import health.securevisit.identity.AccountContainment;
import health.securevisit.identity.WorkforcePrincipal;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link AccountContainment} through the account administration (same checks, same audit record). */
@Component
class UserContainment implements AccountContainment {

    private final UserAdministration administration;

    UserContainment(UserAdministration administration) {
        this.administration = administration;
    }

    @Override
    public void disable(WorkforcePrincipal by, UUID accountId) {
        administration.setEnabled(by, accountId, false);
    }
}
