package health.securevisit.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Questions other modules ask about workforce accounts (no credentials, no personal data). */
public interface WorkforceDirectory {

    /** Whether {@code id} is an enabled account holding the CLINICIAN role. */
    boolean isActiveClinician(UUID id);

    /** Whether {@code id} is an enabled account (any role). */
    boolean isActive(UUID id);

    /** Every enabled account holding the CLINICIAN role, by username (for scheduling). */
    List<Clinician> activeClinicians();

    /** A clinician as scheduling sees one: the account id and its username (no personal data). */
    record Clinician(UUID id, String username) {}

    /** Every account, enabled or not, with its roles (for training assignment and access reviews). */
    List<Member> members();

    /** A workforce account as the workforce program sees it (no credentials, no personal data). */
    record Member(UUID id, String username, Set<Role> roles, boolean enabled, Instant createdAt) {
        public Member {
            roles = Set.copyOf(roles);
        }
    }
}
