package health.securevisit.risk.internal;

import health.securevisit.platform.EvidenceSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code risk.assessment-current}: the whole register was re-assessed within the year (its yearly
 * clock is not overdue); a register never assessed, or past its due date, fails.
 */
@Component
class RiskEvidence implements EvidenceSource {

    static final String CHECK = "risk.assessment-current";

    private final RiskService risks;
    private final Clock clock;

    RiskEvidence(RiskService risks, Clock clock) {
        this.risks = risks;
        this.clock = clock;
    }

    @Override
    public List<Evidence> evidence() {
        Instant now = clock.instant();
        RiskService.Reassessment r = risks.reassessment();
        if (r.lastAssessed() == null) {
            return List.of(Evidence.fail(
                    CHECK, now, "no risk assessment recorded; due by " + r.dueOn(), List.of("risk-register")));
        }
        if (r.overdue()) {
            return List.of(Evidence.fail(
                    CHECK,
                    r.lastAssessed(),
                    "last assessed " + r.lastAssessed() + "; the yearly re-assessment was due " + r.dueOn(),
                    List.of("risk-register")));
        }
        return List.of(Evidence.pass(
                CHECK, r.lastAssessed(), "last assessed " + r.lastAssessed() + "; next due " + r.dueOn()));
    }
}
