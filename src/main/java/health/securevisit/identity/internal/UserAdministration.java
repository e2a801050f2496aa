package health.securevisit.identity.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.identity.PhiRoleGranted;
import health.securevisit.identity.Role;
import health.securevisit.identity.StepUpRequiredException;
import health.securevisit.identity.WorkforcePrincipal;
import java.time.Clock;
import java.time.Instant;
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
 *
 * <p>Separation of duties: an administrator creating an account with a role that sees PHI must say
 * why (stored encrypted with who and when, see {@link RoleGrants}); a role change needs a second
 * factor verified within {@code securevisit.identity.administration.step-up-max-age}, and so does
 * creating an account (its roles are granted with it); nobody gives
 * their own account a role that sees PHI; and every grant of such a role publishes
 * {@link PhiRoleGranted} with the change, which the access module turns into a security alert.
 * Refusals are audited and change nothing.
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
    private final Clock clock;
    private final RoleGrants grants;
    private final IdentityEvents events;
    private final IdentitySettings settings;

    UserAdministration(
            WorkforceUsers users,
            PasswordPolicy policy,
            PasswordHasher hasher,
            IdentityAudit audit,
            Clock clock,
            RoleGrants grants,
            IdentityEvents events,
            IdentitySettings settings) {
        this.users = users;
        this.policy = policy;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
        this.grants = grants;
        this.events = events;
        this.settings = settings;
    }

    /** Creates an account without a reason: only for the bootstrap ({@code by} null). */
    @Transactional
    public WorkforceUser create(@Nullable WorkforcePrincipal by, String username, String password, Set<Role> roles) {
        return create(by, username, password, roles, null);
    }

    /**
     * Creates an account; {@code by} is the administrator, or null for the bootstrap. An
     * administrator needs a recent second factor (as for {@link #setRoles}: the new account's roles
     * are granted too) and gives a {@code reason} for a role that sees PHI.
     *
     * @throws StepUpRequiredException unless {@code by} verified a second factor recently
     */
    @Transactional
    public WorkforceUser create(
            @Nullable WorkforcePrincipal by,
            String username,
            String password,
            Set<Role> roles,
            @Nullable String reason) {
        if (by != null) {
            requireStepUp(by, "identity.user.create", null, clock.instant());
        }
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
        Set<Role> phi = phiRoles(roles);
        String why = null;
        if (by != null && !phi.isEmpty()) {
            try {
                why = GrantReasons.check(reason);
            } catch (IdentityFailure refused) {
                audit.record(actor(by, "identity.user.create", Outcome.DENIED, refused.code()));
                throw refused;
            }
        }
        Instant now = clock.instant();
        WorkforceUser user =
                new WorkforceUser(UUID.randomUUID(), name, hasher.hash(password), EnumSet.copyOf(roles), true, now);
        users.insert(user);
        audit.record(actor(by, "identity.user.create", Outcome.SUCCESS, "roles:" + IdentityAudit.roles(roles))
                .resource("workforce-user", user.id().toString()));
        if (by != null && !phi.isEmpty()) {
            granted(by, user.id(), phi, why, true, now);
        }
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

    /**
     * Replaces an account's roles.
     *
     * @throws StepUpRequiredException unless {@code by} verified a second factor recently
     * @throws IdentityFailure {@code self-grant-refused} when {@code by} would give their own account
     *     a role that sees PHI
     */
    @Transactional
    public WorkforceUser setRoles(WorkforcePrincipal by, UUID id, Set<Role> roles) {
        Instant now = clock.instant();
        requireStepUp(by, "identity.user.roles", id, now);
        WorkforceUser user = users.findById(id).orElseThrow(IdentityFailure::userNotFound);
        if (roles.isEmpty()) {
            throw IdentityFailure.noRoles();
        }
        Set<Role> added = phiRoles(roles);
        added.removeAll(user.roles());
        if (!added.isEmpty() && id.equals(by.id())) {
            audit.record(actor(by, "identity.user.roles", Outcome.DENIED, "self-grant-refused")
                    .resource("workforce-user", id.toString()));
            throw IdentityFailure.selfGrant();
        }
        boolean losesAdmin = user.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN);
        if (losesAdmin && user.enabled() && users.countEnabledAdmins() <= 1) {
            throw IdentityFailure.lastAdmin();
        }
        users.setRoles(id, roles);
        audit.record(actor(by, "identity.user.roles", Outcome.SUCCESS, "roles:" + IdentityAudit.roles(roles))
                .resource("workforce-user", id.toString()));
        if (!added.isEmpty()) {
            granted(by, id, added, null, false, now);
        }
        return users.findById(id).orElseThrow();
    }

    /** @throws StepUpRequiredException (audited) unless {@code by} verified a second factor recently */
    private void requireStepUp(WorkforcePrincipal by, String action, @Nullable UUID id, Instant now) {
        Instant mfaAt = by.mfaAt();
        if (mfaAt == null || mfaAt.isBefore(now.minus(settings.administration().stepUpMaxAge()))) {
            audit.record(actor(by, action, Outcome.DENIED, "step-up-required")
                    .resource(id == null ? null : "workforce-user", id == null ? null : id.toString()));
            throw new StepUpRequiredException();
        }
    }

    /** Records a grant of PHI roles and publishes it with the change's transaction. */
    private void granted(
            WorkforcePrincipal by,
            UUID userId,
            Set<Role> phi,
            @Nullable String reason,
            boolean newAccount,
            Instant at) {
        UUID grantId = grants.insert(userId, by.id(), IdentityAudit.roles(phi), reason, at);
        audit.record(audit.by(by, "identity.role.grant", Outcome.SUCCESS, "roles:" + IdentityAudit.roles(phi))
                .resource("role-grant", grantId.toString()));
        events.published(new PhiRoleGranted(userId, by.id(), Set.copyOf(phi), newAccount, at));
    }

    private static Set<Role> phiRoles(Set<Role> roles) {
        Set<Role> phi = EnumSet.noneOf(Role.class);
        roles.stream().filter(Role::seesPhi).forEach(phi::add);
        return phi;
    }

    private AuditEvent.Builder actor(
            @Nullable WorkforcePrincipal by, String action, Outcome outcome, @Nullable String reason) {
        return by == null
                ? audit.event(action, outcome, reason).actor(null, "bootstrap")
                : audit.by(by, action, outcome, reason);
    }
}
