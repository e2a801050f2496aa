package health.securevisit.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.identity.Role;
import health.securevisit.identity.StepUpRequiredException;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.SecureVisitException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The step-up check other modules call, and the authorities of half and fully signed-in sessions. */
class StepUpTests {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    final SessionCurrentWorkforceUser current =
            new SessionCurrentWorkforceUser(Clock.fixed(NOW, ZoneOffset.UTC), null, null);

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    static WorkforcePrincipal principal(Instant mfaAt) {
        WorkforcePrincipal p = new WorkforcePrincipal(
                UUID.randomUUID(), "dr.who", Set.of(Role.CLINICIAN), NOW.minusSeconds(3600), null, null, "ref");
        return mfaAt == null ? p : p.withMfa("totp", mfaAt);
    }

    static void signIn(WorkforcePrincipal p) {
        SecurityContextHolder.getContext().setAuthentication(new WorkforceAuthentication(p));
    }

    @Test
    void recentMfaPassesAndOldMfaNeedsAStepUp() {
        signIn(principal(NOW.minus(Duration.ofMinutes(4))));
        assertThat(current.requireMfaWithin(Duration.ofMinutes(5)).username()).isEqualTo("dr.who");
        assertThatThrownBy(() -> current.requireMfaWithin(Duration.ofMinutes(3)))
                .isInstanceOfSatisfying(StepUpRequiredException.class, e -> {
                    assertThat(e.code()).isEqualTo("step-up-required");
                    assertThat(e.kind()).isEqualTo(SecureVisitException.Kind.FORBIDDEN);
                });
    }

    @Test
    void aPasswordOnlySessionIsNobodyAndHasNoRole() {
        WorkforcePrincipal half = principal(null);
        signIn(half);
        assertThat(current.current()).isEmpty();
        assertThatThrownBy(() -> current.requireMfaWithin(Duration.ofHours(1)))
                .isInstanceOf(StepUpRequiredException.class);
        assertThat(new WorkforceAuthentication(half).getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("MFA_PENDING");
        assertThat(new WorkforceAuthentication(principal(NOW)).getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_CLINICIAN");
    }

    @Test
    void nobodySignedInNeedsAStepUpToo() {
        assertThat(current.current()).isEmpty();
        assertThatThrownBy(() -> current.requireMfaWithin(Duration.ofHours(1)))
                .isInstanceOf(StepUpRequiredException.class);
    }
}
