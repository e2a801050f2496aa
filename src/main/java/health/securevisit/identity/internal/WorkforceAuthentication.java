package health.securevisit.identity.internal;

import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authentication of a workforce session. Until MFA is satisfied it carries only
 * {@code MFA_PENDING}, no role, so nothing role-protected is reachable; afterwards the account's
 * roles as {@code ROLE_*}. It holds no credential.
 */
public final class WorkforceAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;
    static final String MFA_PENDING = "MFA_PENDING";

    private final WorkforcePrincipal principal;

    public WorkforceAuthentication(WorkforcePrincipal principal) {
        super(authorities(principal));
        this.principal = principal;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(WorkforcePrincipal principal) {
        List<GrantedAuthority> list = new ArrayList<>();
        if (principal.mfaSatisfied()) {
            for (Role role : principal.roles()) {
                list.add(new SimpleGrantedAuthority(role.authority()));
            }
        } else {
            list.add(new SimpleGrantedAuthority(MFA_PENDING));
        }
        return list;
    }

    @Override
    public WorkforcePrincipal getPrincipal() {
        return principal;
    }

    @Override
    public @Nullable Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return principal.username();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WorkforceAuthentication w && w.principal.equals(principal) && super.equals(other);
    }

    @Override
    public int hashCode() {
        return principal.hashCode();
    }
}
