package health.securevisit.patient;

import java.util.Set;

/**
 * Which entered data points matched the chart and which did not (never the values).
 *
 * @param matched data points equal to the chart after normalisation (and an attested photo ID)
 * @param mismatched data points entered that differ from the chart, or that the chart lacks
 */
public record IdentityCheck(Set<DataPoint> matched, Set<DataPoint> mismatched) {

    public IdentityCheck {
        matched = Set.copyOf(matched);
        mismatched = Set.copyOf(mismatched);
    }

    /** Verified: at least {@code required} data points matched and none mismatched. */
    public boolean verified(int required) {
        return mismatched.isEmpty() && matched.size() >= required;
    }
}
