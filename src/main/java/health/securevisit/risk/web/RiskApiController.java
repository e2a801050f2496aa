package health.securevisit.risk.web;

import health.securevisit.platform.PhiFlowMap;
import health.securevisit.risk.internal.FlowMaps;
import health.securevisit.risk.internal.RiskReport;
import health.securevisit.risk.internal.RiskService;
import health.securevisit.risk.internal.Scales;
import health.securevisit.risk.internal.ScenarioInput;
import health.securevisit.risk.internal.ThreatCatalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The PHI data-flow map and the NIST SP 800-30 risk register over HTTP (security officers, auditors). */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasAnyRole('SECURITY_OFFICER','AUDITOR')")
@Tag(name = "risk", description = "PHI data-flow map, threat catalog, NIST SP 800-30 risk register")
class RiskApiController {

    /** The map with the flows that travel without encryption. */
    record DataFlows(List<PhiFlowMap.Node> nodes, List<PhiFlowMap.Edge> edges, List<PhiFlowMap.Edge> findings) {}

    /** The register with its yearly clock. */
    record Register(RiskService.Reassessment reassessment, List<ScenarioJson> scenarios) {}

    private final FlowMaps maps;
    private final RiskService risks;
    private final Scales scales;
    private final ThreatCatalog catalog;
    private final RiskReport report;

    RiskApiController(FlowMaps maps, RiskService risks, Scales scales, ThreatCatalog catalog, RiskReport report) {
        this.maps = maps;
        this.risks = risks;
        this.scales = scales;
        this.catalog = catalog;
        this.report = report;
    }

    @GetMapping("/dataflows")
    @Operation(summary = "The PHI data-flow map from the running configuration (nodes, edges, findings)")
    DataFlows dataflows() {
        PhiFlowMap map = maps.current();
        risks.watch(map);
        return new DataFlows(map.nodes(), map.edges(), FlowMaps.findings(map));
    }

    @GetMapping("/risk/scales")
    @Operation(summary = "NIST SP 800-30 r1 assessment scales and risk matrix, as shipped")
    JsonNode scales() {
        return scales.document();
    }

    @GetMapping("/risk/threats")
    @Operation(summary = "The telehealth threat catalog")
    List<ThreatCatalog.Threat> threats() {
        return catalog.threats();
    }

    @GetMapping("/risk/scenarios")
    @Operation(summary = "The risk register: scenarios with inherent and residual risk, controls' live status")
    Register scenarios() {
        return new Register(
                risks.reassessment(),
                risks.list().stream().map(ScenarioJson::of).toList());
    }

    @PostMapping(path = "/risk/scenarios", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('SECURITY_OFFICER')")
    @Operation(summary = "Add a scenario (likelihood and impact 1-5; 400 outside-scale otherwise)")
    ResponseEntity<ScenarioJson> create(@RequestBody ScenarioInput body) {
        ScenarioJson created = ScenarioJson.of(risks.create(body));
        return ResponseEntity.created(URI.create("/api/v1/risk/scenarios/" + created.id()))
                .body(created);
    }

    @PutMapping(path = "/risk/scenarios/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('SECURITY_OFFICER')")
    @Operation(summary = "Re-assess a scenario: levels, treatment, owner, due date, status")
    ScenarioJson update(@PathVariable UUID id, @RequestBody ScenarioInput body) {
        return ScenarioJson.of(risks.update(id, body));
    }

    @PostMapping("/risk/assessments")
    @PreAuthorize("hasRole('SECURITY_OFFICER')")
    @Operation(summary = "Record the yearly re-assessment of the whole register (restarts the clock)")
    RiskService.Reassessment assess() {
        return risks.completeAssessment();
    }

    @GetMapping(path = "/risk/report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The risk assessment report as PDF")
    ResponseEntity<byte[]> pdf() {
        byte[] pdf = report.pdf(risks.list(), risks.reassessment());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"risk-assessment.pdf\"")
                .contentType(MediaType.APPLICATION_PDF)
                .body(pdf);
    }
}
