package health.securevisit.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.identity.SuspiciousSignInsDetected;
import health.securevisit.platform.TooManyAttemptsException;
import health.securevisit.platform.internal.TestThrottles;
import health.securevisit.support.MovableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionOperations;

/** Which sign-in keys wait, which stay open, and when a pile-up of failures is published. */
class SignInThrottleTests {

    final MovableClock clock = new MovableClock();
    final List<Object> published = new ArrayList<>();
    final SignInThrottle throttle = new SignInThrottle(
            TestThrottles.memory(clock),
            PasswordsTests.defaults(), // account: 3 free, lock at 10; source: 10 free, lock at 50
            new IdentityEvents(published::add, TransactionOperations.withoutTransaction()),
            clock);
    final UUID alice = UUID.randomUUID();

    @Test
    void aCorrectPasswordNeverResetsSecondFactorFailures() {
        for (int i = 0; i < 10; i++) {
            throttle.checkPassword("alice", "10.0.0.1");
            throttle.passwordSucceeded("alice", "10.0.0.1");
            clock.advance(Duration.ofSeconds(31));
            throttle.checkSecondFactor(alice, "10.0.0.1");
            throttle.secondFactorFailed("alice", alice, "10.0.0.1");
        }
        throttle.checkPassword("alice", "10.0.0.1");
        throttle.passwordSucceeded("alice", "10.0.0.1");
        assertThatThrownBy(() -> throttle.checkSecondFactor(alice, "10.0.0.1"))
                .isInstanceOfSatisfying(
                        TooManyAttemptsException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(15)));
        assertThatThrownBy(() -> throttle.checkSecondFactor(alice, "10.9.9.9"))
                .as("the second-factor lock holds from every source")
                .isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void aStrangerElsewhereCannotLockTheAccountsPasswordStep() {
        List<SignInThrottle.Locked> locks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            locks.addAll(throttle.passwordFailed("Alice", alice, "203.0.113.66"));
            clock.advance(Duration.ofSeconds(31));
        }
        assertThat(locks).containsExactly(new SignInThrottle.Locked(SignInThrottle.Kind.ACCOUNT_AND_SOURCE, "alice"));
        assertThatThrownBy(() -> throttle.checkPassword("alice", "203.0.113.66"))
                .isInstanceOf(TooManyAttemptsException.class);
        throttle.checkPassword("alice", "10.0.0.7");
        throttle.checkSecondFactor(alice, "10.0.0.7");
    }

    @Test
    void webAuthnStaysOpenWhileTheSourceAndTheSecondFactorWait() {
        for (int i = 0; i < 50; i++) {
            throttle.passwordFailed("user" + i, null, "198.51.100.9");
        }
        for (int i = 0; i < 10; i++) {
            throttle.secondFactorFailed("alice", alice, "10.0.0.2");
        }
        assertThatThrownBy(() -> throttle.checkPassword("someone", "198.51.100.9"))
                .isInstanceOf(TooManyAttemptsException.class);
        assertThatThrownBy(() -> throttle.checkSecondFactor(alice, "10.0.0.3"))
                .isInstanceOf(TooManyAttemptsException.class);
        throttle.checkWebAuthn("198.51.100.9");
        throttle.checkWebAuthn("10.0.0.2");
    }

    @Test
    void manyFailuresForOneAccountFromAnywherePublishOneAlert() {
        for (int i = 0; i < 25; i++) {
            throttle.passwordFailed("alice", alice, "192.0.2." + i);
        }
        assertThat(published).singleElement().isInstanceOfSatisfying(SuspiciousSignInsDetected.class, e -> {
            assertThat(e.pattern()).isEqualTo(SuspiciousSignInsDetected.Pattern.ONE_ACCOUNT);
            assertThat(e.accountId()).isEqualTo(alice);
            assertThat(e.count()).isEqualTo(20);
        });
    }

    @Test
    void oneSourceFailingOnManyAccountsPublishesOneAlert() {
        for (int i = 0; i < 30; i++) {
            throttle.passwordFailed("same-account", null, "192.0.2.50");
        }
        assertThat(published).as("one account, however often, is not a spray").isEmpty();
        for (int i = 0; i < 15; i++) {
            throttle.passwordFailed("sprayed" + i, null, "192.0.2.50");
        }
        assertThat(published).singleElement().isInstanceOfSatisfying(SuspiciousSignInsDetected.class, e -> {
            assertThat(e.pattern()).isEqualTo(SuspiciousSignInsDetected.Pattern.ONE_SOURCE_MANY_ACCOUNTS);
            assertThat(e.accountId()).isNull();
            assertThat(e.source()).isEqualTo("192.0.2.50");
        });
    }
}
