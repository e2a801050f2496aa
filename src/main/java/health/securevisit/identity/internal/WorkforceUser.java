package health.securevisit.identity.internal;

import health.securevisit.identity.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A workforce account. {@code passwordHash} is an Argon2id PHC string; it never leaves this module. */
public record WorkforceUser(
        UUID id, String username, String passwordHash, Set<Role> roles, boolean enabled, Instant createdAt) {

    public WorkforceUser {
        roles = Set.copyOf(roles);
    }

    @Override
    public String toString() {
        return "WorkforceUser[id=" + id + ", username=" + username + ", roles=" + roles + ", enabled=" + enabled + "]";
    }
}
