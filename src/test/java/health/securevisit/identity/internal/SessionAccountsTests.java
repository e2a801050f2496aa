package health.securevisit.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.identity.Role;
import health.securevisit.support.InMemoryH2;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The session filter's account check on a real (in-memory H2, migrated) database: changes through
 * {@link WorkforceUsers} apply at the next check; a change written by someone else (another server
 * on the same database, here plain SQL) applies once the recheck interval has passed, never later.
 */
class SessionAccountsTests {

    private static final long RECHECK = Duration.ofSeconds(1).toNanos();

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private JdbcClient jdbc;
    private WorkforceUsers users;
    private SessionAccounts accounts;
    private UUID id;

    @BeforeEach
    void database() {
        jdbc = JdbcClient.create(InMemoryH2.migrated("sessions"));
        users = new WorkforceUsers(jdbc, java.time.Clock.systemUTC());
        accounts = new SessionAccounts(users, RECHECK, nanos::get);
        id = UUID.randomUUID();
        users.insert(new WorkforceUser(
                id,
                "clin.one",
                "unused-hash",
                EnumSet.of(Role.CLINICIAN),
                true,
                Instant.parse("2026-11-01T00:00:00Z")));
    }

    @Test
    void disablingThroughThisServerAppliesAtTheNextCheck() {
        assertThat(accounts.of(id)).contains(new SessionAccounts.Account(true, Set.of(Role.CLINICIAN)));
        users.setEnabled(id, false);
        assertThat(accounts.of(id)).contains(new SessionAccounts.Account(false, Set.of(Role.CLINICIAN)));
    }

    @Test
    void roleChangesThroughThisServerApplyAtTheNextCheck() {
        assertThat(accounts.of(id).orElseThrow().roles()).containsExactly(Role.CLINICIAN);
        users.setRoles(id, EnumSet.of(Role.STAFF));
        assertThat(accounts.of(id).orElseThrow().roles()).containsExactly(Role.STAFF);
    }

    @Test
    void aChangeByAnotherServerAppliesOnceTheRecheckIntervalHasPassed() {
        assertThat(accounts.of(id).orElseThrow().enabled()).isTrue();
        jdbc.sql("UPDATE identity_users SET enabled = FALSE WHERE id = ?")
                .param(id)
                .update();

        nanos.addAndGet(RECHECK - 1);
        assertThat(accounts.of(id).orElseThrow().enabled()).isTrue(); // still within the interval
        nanos.addAndGet(1);
        assertThat(accounts.of(id).orElseThrow().enabled()).isFalse();
    }

    @Test
    void aDeletedAccountIsNeverKept() {
        assertThat(accounts.of(id)).isPresent();
        jdbc.sql("DELETE FROM identity_user_roles WHERE user_id = ?").param(id).update();
        jdbc.sql("DELETE FROM identity_users WHERE id = ?").param(id).update();
        nanos.addAndGet(RECHECK);
        assertThat(accounts.of(id)).isEmpty();
        assertThat(accounts.of(UUID.randomUUID())).isEqualTo(Optional.empty());
    }

    @Test
    void aZeroRecheckReadsTheDatabaseEveryTime() {
        SessionAccounts everyTime = new SessionAccounts(users, 0, nanos::get);
        assertThat(everyTime.of(id).orElseThrow().enabled()).isTrue();
        jdbc.sql("UPDATE identity_users SET enabled = FALSE WHERE id = ?")
                .param(id)
                .update();
        assertThat(everyTime.of(id).orElseThrow().enabled()).isFalse();
    }
}
