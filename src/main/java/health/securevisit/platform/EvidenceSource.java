package health.securevisit.platform;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A module's evidence for the compliance report. Every Spring bean implementing it is asked when the
 * report is computed, so a module contributes the checks it can answer from the running system by
 * adding one source, without changes to the report's code. A control whose checks no source answers
 * shows "no evidence", never a pass.
 */
public interface EvidenceSource {

    /** The checks this source answers, each computed from the running system when asked. */
    List<Evidence> evidence();

    /** The outcome of one check. */
    enum Status {
        PASS,
        FAIL,
        NO_EVIDENCE
    }

    /**
     * One check's result.
     *
     * @param check a stable check id ({@code module.name}, lower case, digits and dashes), which the
     *     control catalog links to controls
     * @param status pass, fail, or no evidence (the source exists but has nothing to show yet)
     * @param observedAt when the evidence was read or produced
     * @param summary one line for people; never PHI
     * @param failing the entities that fail, by identifier (account, device, vendor, listener ids),
     *     never names or other PHI; empty unless the status is {@link Status#FAIL}
     */
    record Evidence(String check, Status status, Instant observedAt, String summary, List<String> failing) {

        private static final Pattern CHECK = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");

        public Evidence {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(observedAt, "observedAt");
            Objects.requireNonNull(summary, "summary");
            if (!CHECK.matcher(check).matches()) {
                throw new IllegalArgumentException("check id must look like module.name: " + check);
            }
            failing = List.copyOf(failing);
            if (status != Status.FAIL && !failing.isEmpty()) {
                throw new IllegalArgumentException("only a failing check names failing entities: " + check);
            }
        }

        public static Evidence pass(String check, Instant at, String summary) {
            return new Evidence(check, Status.PASS, at, summary, List.of());
        }

        public static Evidence fail(String check, Instant at, String summary, List<String> failing) {
            return new Evidence(check, Status.FAIL, at, summary, failing);
        }

        public static Evidence none(String check, Instant at, String summary) {
            return new Evidence(check, Status.NO_EVIDENCE, at, summary, List.of());
        }
    }
}
