package health.securevisit.identity.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Account administration: personal accounts with unique usernames (names that suggest a shared
 * account are refused), roles, disable and re-enable. Every change is audited; at least one
 * enabled administrator always remains.
 */
@Service
public class UserAdministration {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    static final Set<String> SHARED_NAMES = Set.of(
            "shared",
            "team",
            "frontdesk",
            "front-desk",
            "reception",
            "nurses",
            "doctors",
            "clinic",
            "office",
            "everyone",
            "guest",
            "staff",
            "users",
            "test");

    private final WorkforceUsers users;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final IdentityAudit audit;
    private final IdentityClock clock;

    UserAdministration(
            WorkforceUsers users,
            PasswordPolicy policy,
            PasswordHasher hasher,
            IdentityAudit audit,
            IdentityClock clock) {
        this.users = users;
        this.policy = policy;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates an account; {@code by} is the administrator, or null for the bootstrap. */
    @Transactional
    public WorkforceUser create(@Nullable WorkforcePrincipal by, String username, String password, Set<Role> roles) {
        String name = username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw IdentityFailure.invalidUsername(
                    "A username has 3 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter"
                            + " or digit.");
        }
        if (SHARED_NAMES.contains(name)) {
            throw IdentityFailure.invalidUsername(
                    "Accounts are personal: a name that suggests a shared account is not allowed.");
        }
        if (roles.isEmpty()) {
            throw IdentityFailure.noRoles();
        }
        policy.check(password, name);
        WorkforceUser user = new WorkforceUser(
                UUID.randomUUID(), name, hasher.hash(password), EnumSet.copyOf(roles), true, clock.instant());
        users.insert(user);
        audit.record(actor(by, "identity.user.create", Outcome.SUCCESS, "roles:" + IdentityAudit.roles(roles))
                .resource("workforce-user", user.id().toString()));
        return user;
    }

    public List<WorkforceUser> list() {
        return users.list();
    }

    @Transactional
    public WorkforceUser setEnabled(WorkforcePrincipal by, UUID id, boolean enabled) {
        WorkforceUser user = users.findById(id).orElseThrow(IdentityFailure::userNotFound);
        if (!enabled && user.roles().contains(Role.ADMIN) && user.enabled() && users.countEnabledAdmins() <= 1) {
            throw IdentityFailure.lastAdmin();
        }
        users.setEnabled(id, enabled);
        audit.record(actor(by, enabled ? "identity.user.enable" : "identity.user.disable", Outcome.SUCCESS, null)
                .resource("workforce-user", id.toString()));
        return users.findById(id).orElseThrow();
    }

    @Transactional
    public WorkforceUser setRoles(WorkforcePrincipal by, UUID id, Set<Role> roles) {
        WorkforceUser user = users.findById(id).orElseThrow(IdentityFailure::userNotFound);
        if (roles.isEmpty()) {
            throw IdentityFailure.noRoles();
        }
        boolean losesAdmin = user.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN);
        if (losesAdmin && user.enabled() && users.countEnabledAdmins() <= 1) {
            throw IdentityFailure.lastAdmin();
        }
        users.setRoles(id, roles);
        audit.record(actor(by, "identity.user.roles", Outcome.SUCCESS, "roles:" + IdentityAudit.roles(roles))
                .resource("workforce-user", id.toString()));
        return users.findById(id).orElseThrow();
    }

    private AuditEvent.Builder actor(
            @Nullable WorkforcePrincipal by, String action, Outcome outcome, @Nullable String reason) {
        return by == null
                ? audit.event(action, outcome, reason).actor(null, "bootstrap")
                : audit.by(by, action, outcome, reason);
    }
}
