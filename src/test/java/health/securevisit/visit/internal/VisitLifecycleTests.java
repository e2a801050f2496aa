package health.securevisit.visit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.patient.DataPoint;
import health.securevisit.platform.SecureVisitException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lifecycle state machine of the visit aggregate: every allowed move, and every other one refused. */
class VisitLifecycleTests {

    static final Set<String> ALLOWED = Set.of(
            "SCHEDULED>WAITING",
            "SCHEDULED>CANCELLED",
            "SCHEDULED>NO_SHOW",
            "WAITING>CANCELLED",
            "WAITING>NO_SHOW",
            "IDENTITY_VERIFIED>IN_PROGRESS",
            "IDENTITY_VERIFIED>CANCELLED",
            "IN_PROGRESS>ENDED");

    static Stream<Arguments> everyPair() {
        return Stream.of(VisitStatus.values())
                .flatMap(from -> Stream.of(VisitStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void movesOnlyAlongTheLifecycle(VisitStatus from, VisitStatus to) {
        Visit visit = visitIn(from);
        if (ALLOWED.contains(from + ">" + to)) {
            visit.moveTo(to);
            assertThat(visit.status()).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> visit.moveTo(to))
                    .isInstanceOfSatisfying(
                            SecureVisitException.class,
                            e -> assertThat(e.code()).isEqualTo("invalid-transition"));
            assertThat(visit.status()).isEqualTo(from);
        }
    }

    @Test
    void finalStatesGoNowhere() {
        for (VisitStatus end : EnumSet.of(VisitStatus.ENDED, VisitStatus.CANCELLED, VisitStatus.NO_SHOW)) {
            assertThat(end.next()).isEmpty();
        }
        assertThat(VisitStatus.CANCELLED.closed()).isTrue();
        assertThat(VisitStatus.NO_SHOW.closed()).isTrue();
        assertThat(VisitStatus.ENDED.closed()).isFalse();
    }

    @Test
    void identityVerificationIsTheOnlyWayToIdentityVerified() {
        Visit visit = visitIn(VisitStatus.WAITING);
        visit.identityVerified(Instant.now(), UUID.randomUUID(), EnumSet.of(DataPoint.FULL_NAME, DataPoint.MRN));
        assertThat(visit.status()).isEqualTo(VisitStatus.IDENTITY_VERIFIED);
        assertThat(visit.identityVerified()).isTrue();
        assertThat(visit.verifiedDataPoints()).containsExactlyInAnyOrder(DataPoint.FULL_NAME, DataPoint.MRN);
        for (VisitStatus other : EnumSet.complementOf(EnumSet.of(VisitStatus.WAITING))) {
            Visit notWaiting = visitIn(other);
            assertThatThrownBy(() -> notWaiting.identityVerified(Instant.now(), UUID.randomUUID(), Set.of()))
                    .hasMessageContaining("cannot move");
        }
    }

    @Test
    void failedVerificationsFlagTheVisitAtTheLimit() {
        Visit visit = visitIn(VisitStatus.WAITING);
        assertThat(visit.identityVerificationFailed(3)).isFalse();
        assertThat(visit.identityVerificationFailed(3)).isFalse();
        assertThat(visit.identityVerificationFailed(3)).isTrue();
        assertThat(visit.flaggedForReview()).isTrue();
        assertThatThrownBy(() -> visit.identityVerificationFailed(3))
                .isInstanceOfSatisfying(
                        SecureVisitException.class, e -> assertThat(e.code()).isEqualTo("visit-flagged-for-review"));
        assertThatThrownBy(() -> visit.identityVerified(Instant.now(), UUID.randomUUID(), Set.of()))
                .isInstanceOfSatisfying(
                        SecureVisitException.class, e -> assertThat(e.code()).isEqualTo("visit-flagged-for-review"));
    }

    @Test
    void aJoiningPatientMovesAScheduledVisitToWaitingOnly() {
        Visit scheduled = visitIn(VisitStatus.SCHEDULED);
        scheduled.patientJoined();
        assertThat(scheduled.status()).isEqualTo(VisitStatus.WAITING);
        scheduled.patientJoined();
        assertThat(scheduled.status()).isEqualTo(VisitStatus.WAITING);
        for (VisitStatus other : EnumSet.complementOf(EnumSet.of(VisitStatus.SCHEDULED, VisitStatus.WAITING))) {
            assertThatThrownBy(visitIn(other)::patientJoined).isInstanceOf(SecureVisitException.class);
        }
    }

    static Visit visitIn(VisitStatus status) {
        return new Visit(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Set.of(UUID.randomUUID()),
                Instant.now(),
                30,
                Modality.VIDEO,
                status,
                null,
                null,
                Set.of(),
                0,
                false,
                Instant.now(),
                0);
    }
}
