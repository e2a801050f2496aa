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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
            boolean locks = throttle.checkSecondFactor(alice, "10.0.0.1");
            throttle.secondFactorFailed("alice", alice, "10.0.0.1", locks);
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
    void parallelSecondFactorGuessesCannotAllPassOneCheck() {
        int guesses = 40;
        CountDownLatch allChecked = new CountDownLatch(guesses);
        AtomicInteger passed = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < guesses; i++) {
                pool.submit(() -> {
                    boolean through = false;
                    boolean locks = false;
                    try {
                        locks = throttle.checkSecondFactor(alice, "10.0.0.1");
                        through = true;
                        passed.incrementAndGet();
                    } catch (TooManyAttemptsException refused) {
                        // waits like a guesser must
                    }
                    allChecked.countDown();
                    allChecked.await();
                    if (through) {
                        throttle.secondFactorFailed("alice", alice, "10.0.0.1", locks);
                    }
                    return null;
                });
            }
        }
        assertThat(passed).as("3 free guesses and the one that starts the wait").hasValue(4);
    }

    @Test
    void oneIpv6SubscriberCannotSpreadFailuresOverItsPrefix() {
        for (int i = 0; i < 50; i++) {
            throttle.passwordFailed("user" + i, null, "2001:db8:7:9:0:0:0:" + Integer.toHexString(i + 1));
        }
        assertThatThrownBy(() -> throttle.checkPassword("someone", "2001:db8:7:9:ffff::1"))
                .as("the whole /64 is one source")
                .isInstanceOf(TooManyAttemptsException.class);
        throttle.checkPassword("someone", "2001:db8:7:a::1");
        throttle.checkPassword("someone", "192.0.2.9");
        assertThat(health.securevisit.platform.Throttles.sourceKey("2001:DB8:7:9::abcd"))
                .isEqualTo("2001:db8:7:9:0:0:0:0/64");
        assertThat(health.securevisit.platform.Throttles.sourceKey("203.0.113.7"))
                .isEqualTo("203.0.113.7");
        assertThat(health.securevisit.platform.Throttles.sourceKey("not-an-address"))
                .isEqualTo("not-an-address");
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
            boolean locks = throttle.checkSecondFactor(alice, "10.0.0.2");
            throttle.secondFactorFailed("alice", alice, "10.0.0.2", locks);
            clock.advance(Duration.ofSeconds(31));
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
