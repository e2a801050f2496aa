package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.platform.StartupException;
import health.securevisit.support.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Six years at least (45 CFR 164.316(b)(2)), enforced at start-up; legal holds suspend expiry. */
class RetentionTests {

    @TempDir
    Path dir;

    static AuditSettings withRetention(String period) {
        AuditSettings d = TrailFixture.settings(Path.of("unused"));
        return new AuditSettings(
                Period.parse(period),
                d.origin(),
                d.checkpointInterval(),
                d.recordTimeout(),
                d.maxBatch(),
                d.queueCapacity(),
                d.publishDir(),
                d.verifyInterval(),
                d.export(),
                d.syslog(),
                d.journalForce());
    }

    @ParameterizedTest
    @ValueSource(strings = {"P5Y", "P5Y11M", "P2190D", "P71M", "P0D", "P-6Y"})
    void lessThanSixYearsIsRefused(String period) {
        assertThatThrownBy(() -> withRetention(period))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("SECUREVISIT_AUDIT_RETENTION: must be at least six years");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P6Y", "P72M", "P10Y", "P6Y1D"})
    void sixYearsOrMoreIsAccepted(String period) {
        assertThat(withRetention(period).retention()).isEqualTo(Period.parse(period));
    }

    @Test
    void theServerRefusesToStartWithAShorterRetentionInOneLine() throws Exception {
        ChildProcess.Result r = ChildProcess.run(Map.of(
                "SECUREVISIT_DATA_DIR", dir.resolve("data").toString(),
                "SECUREVISIT_PORT", "0",
                "SECUREVISIT_AUDIT_RETENTION", "P5Y"));
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderrLines())
                .singleElement()
                .asString()
                .startsWith("securevisit: cannot start: SECUREVISIT_AUDIT_RETENTION: must be at least six years");
        assertThat(r.stdout() + r.stderr()).doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void legalHoldsSuspendExpiry(String vendor) throws Exception {
        try (TrailFixture trail = TrailFixture.of(vendor, dir)) {
            LegalHolds holds = new LegalHolds(trail.dataSource, trail.trail, TrailFixture.CLOCK);
            Retention retention = new Retention(trail.dataSource, holds, trail.settings);
            for (int i = 0; i < 6; i++) {
                trail.trail.record(AuditEvent.builder("chart.read", Outcome.SUCCESS, PurposeOfUse.TREATMENT)
                        .patient(i % 2 == 0 ? "p-held" : "p-free")
                        .build());
            }
            Requester officer = new Requester("sam", "SECURITY_OFFICER", "127.0.0.1", "req-12345678");
            Instant now = Instant.now();
            Instant sevenYearsOn = now.plus(Duration.ofDays(7 * 366));
            assertThat(retention.status(now).expired()).isZero();
            assertThat(retention.status(sevenYearsOn).eligible()).isEqualTo(6);

            LegalHolds.Hold patientHold = holds.place(LegalHolds.Scope.PATIENT, "p-held", "litigation", officer);
            Retention.Status held = retention.status(sevenYearsOn);
            assertThat(held.expired()).isEqualTo(6 + 1); // the hold placement is recorded (for p-held) too
            assertThat(held.held()).isEqualTo(4);
            assertThat(held.eligible()).isEqualTo(3);

            LegalHolds.Hold incident = holds.place(LegalHolds.Scope.INCIDENT, "inc-7", "breach-investigation", officer);
            assertThat(retention.status(sevenYearsOn).eligible()).isZero();

            holds.release(incident.id(), officer);
            holds.release(patientHold.id(), officer);
            assertThat(holds.active()).isEmpty();
            assertThat(retention.status(sevenYearsOn).eligible())
                    .isEqualTo(retention.status(sevenYearsOn).expired());
            assertThatThrownBy(() -> holds.release(patientHold.id(), officer))
                    .isInstanceOf(LegalHolds.HoldNotFound.class);
        }
    }
}
