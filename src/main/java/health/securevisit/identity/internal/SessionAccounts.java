package health.securevisit.identity.internal;

import health.securevisit.identity.Role;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What the session filter checks on every request of a signed-in session: whether the account is
 * still enabled, and its roles. Read from the database and reused for at most
 * {@code SECUREVISIT_IDENTITY_SESSION_ACCOUNT_RECHECK} (default 1 s), and never once any account
 * changed through this server since it was read ({@link WorkforceUsers#generation()}): disabling an
 * account or changing its roles here applies to the very next request. Only a change made by another
 * server on the same database waits for the recheck. An account that does not exist is never kept.
 */
@Component
class SessionAccounts {

    /** An account's state as the session filter needs it. */
    record Account(boolean enabled, Set<Role> roles) {}

    private record Kept(Account account, long generation, long readAt) {}

    private final WorkforceUsers users;
    private final long recheckNanos;
    private final LongSupplier nanoTime;
    private final Map<UUID, Kept> kept = new ConcurrentHashMap<>();

    @Autowired
    SessionAccounts(WorkforceUsers users, IdentitySettings settings) {
        this(users, settings.session().accountRecheck().toNanos(), System::nanoTime);
    }

    SessionAccounts(WorkforceUsers users, long recheckNanos, LongSupplier nanoTime) {
        this.users = users;
        this.recheckNanos = recheckNanos;
        this.nanoTime = nanoTime;
    }

    /** The account's current state, or empty if it no longer exists. */
    Optional<Account> of(UUID id) {
        long now = nanoTime.getAsLong();
        Kept known = kept.get(id);
        if (known != null && known.generation() == users.generation() && now - known.readAt() < recheckNanos) {
            return Optional.of(known.account());
        }
        long generation = users.generation(); // before the read: a change committed meanwhile invalidates it
        Optional<Account> read = users.findById(id).map(u -> new Account(u.enabled(), u.roles()));
        if (read.isPresent() && recheckNanos > 0) {
            kept.put(id, new Kept(read.get(), generation, now));
        } else {
            kept.remove(id);
        }
        return read;
    }
}
