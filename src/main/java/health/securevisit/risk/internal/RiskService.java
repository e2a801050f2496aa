package health.securevisit.risk.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.FreeText;
import health.securevisit.platform.PhiFlowMap;
import health.securevisit.platform.SecureVisitException;
import health.securevisit.platform.internal.RequestIdFilter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * The NIST SP 800-30 risk register: scenarios with inherent and residual risk from the 800-30 matrix,
 * the controls of each threat with their live status, the yearly re-assessment clock, and the
 * scenarios the system opens itself (a lapsed BAA, a new PHI flow, a flow losing encryption). Every
 * change and refusal is audited.
 */
@Service
public class RiskService {

    /** A scenario with its computed risks and its controls' live status. */
    public record ScenarioView(
            Scenario scenario, Level inherentRisk, Level residualRisk, List<ControlStatus.Live> controls) {}

    /** The yearly clock: when the register was last assessed as a whole and when it is due. */
    public record Reassessment(@Nullable Instant lastAssessed, LocalDate dueOn, boolean overdue) {}

    private final Scenarios scenarios;
    private final Scales scales;
    private final ThreatCatalog catalog;
    private final ControlStatus controls;
    private final FlowMaps maps;
    private final AuditTrail audit;
    private final CurrentWorkforceUser currentUser;
    private final Clock clock;

    RiskService(
            Scenarios scenarios,
            Scales scales,
            ThreatCatalog catalog,
            ControlStatus controls,
            FlowMaps maps,
            AuditTrail audit,
            CurrentWorkforceUser currentUser,
            Clock clock) {
        this.scenarios = scenarios;
        this.scales = scales;
        this.catalog = catalog;
        this.controls = controls;
        this.maps = maps;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    public List<ScenarioView> list() {
        PhiFlowMap map = maps.current();
        List<ScenarioView> out = scenarios.all().stream().map(s -> view(s, map)).toList();
        record("risk.list", Outcome.SUCCESS, "security-review", null);
        return out;
    }

    public ScenarioView create(ScenarioInput in) {
        return audited("risk.scenario.create", null, () -> {
            Instant now = clock.instant();
            Scenario s = checked(in, UUID.randomUUID(), "manual", null, now, now);
            scenarios.insert(s);
            return view(s, maps.current());
        });
    }

    public ScenarioView update(UUID id, ScenarioInput in) {
        return audited("risk.scenario.update", id, () -> {
            Scenario old = scenarios.find(id).orElseThrow(RiskFailure::notFound);
            ScenarioInput merged = new ScenarioInput(
                    old.threatId(),
                    old.asset(),
                    old.title(),
                    in.likelihood(),
                    in.impact(),
                    in.residualLikelihood(),
                    in.residualImpact(),
                    in.treatment(),
                    in.owner(),
                    in.dueOn(),
                    in.status());
            Scenario s = checked(merged, id, old.origin(), old.triggerKey(), old.openedAt(), clock.instant());
            scenarios.update(s);
            return view(s, maps.current());
        });
    }

    /** Records that the register was reviewed as a whole now (restarts the yearly clock). */
    public Reassessment completeAssessment() {
        WorkforcePrincipal who = currentUser.current().orElseThrow();
        scenarios.assessed(who.id(), clock.instant());
        record("risk.assessment.complete", Outcome.SUCCESS, "yearly-assessment", null);
        return reassessment();
    }

    public Reassessment reassessment() {
        Instant last = scenarios.lastAssessment();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate due =
                last == null ? today : LocalDate.ofInstant(last, ZoneOffset.UTC).plusYears(1);
        return new Reassessment(last, due, !today.isBefore(due));
    }

    /**
     * Opens a scenario of {@code threatId} unless one opened by the same {@code triggerKey} is still
     * open; audited as {@code risk.scenario.auto-open}.
     */
    public void openAutomatically(String threatId, String asset, String title, String origin, String triggerKey) {
        if (scenarios.openWithTrigger(triggerKey)) {
            return;
        }
        ThreatCatalog.Threat threat = catalog.threat(threatId).orElseThrow();
        Instant now = clock.instant();
        Scenario s = new Scenario(
                UUID.randomUUID(),
                threatId,
                asset.length() > 400 ? asset.substring(0, 400) : asset,
                title.length() > 300 ? title.substring(0, 300) : title,
                threat.likelihood(),
                threat.impact(),
                threat.likelihood(),
                threat.impact(),
                Scenario.Treatment.MITIGATE,
                "Security officer",
                LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(30),
                Scenario.Status.OPEN,
                origin,
                triggerKey.length() > 600 ? triggerKey.substring(0, 600) : triggerKey,
                now,
                now);
        scenarios.insert(s);
        record("risk.scenario.auto-open", Outcome.SUCCESS, origin, s.id().toString());
    }

    /**
     * Compares {@code map} with the flows seen before: a new flow opens a scenario (except on the very
     * first look, which is the baseline), and so does a flow that lost its encryption in transit.
     */
    public void watch(PhiFlowMap map) {
        Map<String, Boolean> seen = scenarios.seenFlows();
        boolean baseline = seen.isEmpty();
        Instant now = clock.instant();
        for (PhiFlowMap.Edge e : map.edges()) {
            boolean encrypted = e.transport().protectedInTransit();
            Boolean before = seen.get(e.id());
            if (before == null) {
                scenarios.seen(e.id(), encrypted, now, false);
                if (!baseline) {
                    openAutomatically(
                            "new-phi-flow",
                            e.id(),
                            "New PHI flow: " + e.from() + " to " + e.to(),
                            "auto:new-flow",
                            "new-flow:" + e.id());
                }
                if (!encrypted) {
                    openAutomatically(
                            "flow-unencrypted",
                            e.id(),
                            "Unencrypted PHI flow: " + e.from() + " to " + e.to(),
                            "auto:flow-unencrypted",
                            "unencrypted:" + e.id());
                }
            } else if (before != encrypted) {
                scenarios.seen(e.id(), encrypted, now, true);
                if (!encrypted) {
                    openAutomatically(
                            "flow-unencrypted",
                            e.id(),
                            "PHI flow lost its encryption: " + e.from() + " to " + e.to(),
                            "auto:flow-unencrypted",
                            "unencrypted:" + e.id());
                }
            }
        }
    }

    ScenarioView view(Scenario s, PhiFlowMap map) {
        List<String> ids =
                catalog.threat(s.threatId()).map(ThreatCatalog.Threat::controls).orElse(List.of());
        return new ScenarioView(
                s,
                scales.risk(s.likelihood(), s.impact()),
                scales.risk(s.residualLikelihood(), s.residualImpact()),
                ids.stream().map(c -> controls.of(c, map)).toList());
    }

    private Scenario checked(
            ScenarioInput in, UUID id, String origin, @Nullable String trigger, Instant opened, Instant now) {
        String threatId = in.threatId();
        if (threatId == null || catalog.threat(threatId).isEmpty()) {
            throw RiskFailure.invalid("threatId", "a threat of the catalog.");
        }
        Level likelihood = level(in.likelihood(), "likelihood");
        Level impact = level(in.impact(), "impact");
        Level rl = in.residualLikelihood() == null ? likelihood : level(in.residualLikelihood(), "residualLikelihood");
        Level ri = in.residualImpact() == null ? impact : level(in.residualImpact(), "residualImpact");
        return new Scenario(
                id,
                threatId,
                text("asset", in.asset(), 400),
                text("title", in.title(), 300),
                likelihood,
                impact,
                rl,
                ri,
                choice(Scenario.Treatment.class, "treatment", in.treatment(), Scenario.Treatment.MITIGATE),
                text("owner", in.owner(), 200),
                date(in.dueOn()),
                choice(Scenario.Status.class, "status", in.status(), Scenario.Status.OPEN),
                origin,
                trigger,
                opened,
                now);
    }

    private static Level level(@Nullable Integer n, String field) {
        if (n == null) {
            throw RiskFailure.outsideScale(field);
        }
        return Level.of(n, field);
    }

    private static String text(String field, @Nullable String value, int max) {
        if (value == null || FreeText.visibleLength(value) == 0) {
            throw RiskFailure.invalid(field, "required.");
        }
        String v = FreeText.normalized(value.strip())
                .orElseThrow(() -> RiskFailure.invalid(field, "hidden or direction-changing characters."));
        if (v.length() > max) {
            throw RiskFailure.invalid(field, "at most " + max + " characters.");
        }
        return v;
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String field, @Nullable String value, E fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RiskFailure.invalid(field, "one of " + List.of(type.getEnumConstants()) + ".");
        }
    }

    private static @Nullable LocalDate date(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw RiskFailure.invalid("dueOn", "a date as YYYY-MM-DD.");
        }
    }

    private <T> T audited(String action, @Nullable UUID id, Supplier<T> work) {
        try {
            T result = work.get();
            record(action, Outcome.SUCCESS, "risk-management", id == null ? null : id.toString());
            return result;
        } catch (SecureVisitException e) {
            record(action, Outcome.DENIED, e.code(), id == null ? null : id.toString());
            throw e;
        }
    }

    private void record(String action, Outcome outcome, String reason, @Nullable String resourceId) {
        WorkforcePrincipal who = currentUser.current().orElse(null);
        audit.record(AuditEvent.builder(action, outcome, PurposeOfUse.OPERATIONS)
                .reason(reason)
                .actor(who == null ? null : who.id().toString(), who == null ? null : "SECURITY_OFFICER")
                .session(who == null ? null : who.sessionRef(), who == null ? null : who.authMethod())
                .resource("risk-scenario", resourceId)
                .request(MDC.get(RequestIdFilter.MDC_KEY))
                .build());
    }
}
