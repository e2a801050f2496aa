package health.securevisit.risk.web;

import health.securevisit.risk.internal.ControlStatus;
import health.securevisit.risk.internal.RiskService;
import health.securevisit.risk.internal.Scenario;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A scenario as answered: levels as 1-5 with their 800-30 codes, computed risks, live controls. */
record ScenarioJson(
        String id,
        String threatId,
        String asset,
        String title,
        int likelihood,
        int impact,
        String inherentRisk,
        int residualLikelihood,
        int residualImpact,
        String residualRisk,
        List<ControlStatus.Live> controls,
        String treatment,
        String owner,
        @Nullable LocalDate dueOn,
        String status,
        String origin,
        Instant openedAt) {

    static ScenarioJson of(RiskService.ScenarioView v) {
        Scenario s = v.scenario();
        return new ScenarioJson(
                s.id().toString(),
                s.threatId(),
                s.asset(),
                s.title(),
                s.likelihood().number(),
                s.impact().number(),
                v.inherentRisk().code(),
                s.residualLikelihood().number(),
                s.residualImpact().number(),
                v.residualRisk().code(),
                v.controls(),
                s.treatment().name(),
                s.owner(),
                s.dueOn(),
                s.status().name(),
                s.origin(),
                s.openedAt());
    }
}
