package health.securevisit.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Published (through the event publication registry, with the change's transaction) when an account
 * receives a role that sees PHI ({@link Role#seesPhi()}), at creation or by a role change.
 */
public record PhiRoleGranted(UUID accountId, UUID grantedBy, Set<Role> granted, boolean newAccount, Instant at) {}
