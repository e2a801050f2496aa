package health.securevisit.compliance.internal;

import health.securevisit.compliance.ComplianceFailure;
import health.securevisit.platform.EvidenceSource.Evidence;
import health.securevisit.platform.EvidenceSource.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One computed report: every control of the active profile with its status and the evidence that
 * decided it, and every check any source answered.
 *
 * @param computedAt when the evidence was gathered
 * @param computeMillis how long gathering and deciding took
 * @param nprm2025 whether the proposed 2025 update was assessed
 * @param controls the controls, in catalog order
 * @param checks every check answered by a source (also those no control links to)
 * @param sourceErrors sources that failed or timed out (by class name), whose checks show no evidence
 */
public record ComplianceReport(
        Instant computedAt,
        long computeMillis,
        boolean nprm2025,
        List<ControlResult> controls,
        List<Evidence> checks,
        List<String> sourceErrors) {

    /** A control's status: fail if a check fails, pass only if every check passes, else no evidence. */
    public record ControlResult(
            String id,
            String framework,
            String citation,
            String requirement,
            String title,
            Status status,
            List<Evidence> evidence) {

        /** The failing entities of every failing check, as {@code check: entity}. */
        public List<String> failing() {
            return evidence.stream()
                    .flatMap(e -> e.failing().stream().map(f -> e.check() + ": " + f))
                    .toList();
        }
    }

    /** Counts per status. */
    public record Summary(long pass, long fail, long noEvidence) {}

    public Summary summary() {
        return new Summary(count(Status.PASS), count(Status.FAIL), count(Status.NO_EVIDENCE));
    }

    private long count(Status status) {
        return controls.stream().filter(c -> c.status() == status).count();
    }

    public ControlResult control(String id) {
        return controls.stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(ComplianceFailure::unknownControl);
    }

    /** The report's age at {@code now}. */
    public Duration age(Instant now) {
        Duration age = Duration.between(computedAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
