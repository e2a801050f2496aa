package health.securevisit.risk.web;

import health.securevisit.platform.PhiFlowMap;
import health.securevisit.risk.internal.FlowDrawing;
import health.securevisit.risk.internal.FlowMaps;
import health.securevisit.risk.internal.RiskReport;
import health.securevisit.risk.internal.RiskService;
import health.securevisit.risk.internal.ThreatCatalog;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's data-flow map (SVG drawn by Graphviz dot, shown as an image so nothing in it can
 * run) and the risk register with its report.
 */
@Controller
@PreAuthorize("hasAnyRole('SECURITY_OFFICER','AUDITOR')")
class RiskPages {

    private final FlowMaps maps;
    private final FlowDrawing drawing;
    private final RiskService risks;
    private final RiskReport report;
    private final ThreatCatalog catalog;

    RiskPages(FlowMaps maps, FlowDrawing drawing, RiskService risks, RiskReport report, ThreatCatalog catalog) {
        this.maps = maps;
        this.drawing = drawing;
        this.risks = risks;
        this.report = report;
        this.catalog = catalog;
    }

    @GetMapping("/console/dataflows")
    String dataflows(Model model) {
        PhiFlowMap map = maps.current();
        risks.watch(map);
        model.addAttribute("map", map);
        model.addAttribute("findings", FlowMaps.findings(map));
        return "risk/dataflows";
    }

    @GetMapping(path = "/console/dataflows.svg", produces = "image/svg+xml")
    ResponseEntity<byte[]> svg() {
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("image/svg+xml"))
                .body(drawing.svg(maps.current()));
    }

    @GetMapping("/console/risk")
    String register(Model model) {
        model.addAttribute("scenarios", risks.list());
        model.addAttribute("reassessment", risks.reassessment());
        model.addAttribute("threats", catalog.threats());
        return "risk/register";
    }

    @GetMapping("/console/risk/report")
    String report(Model model) {
        model.addAllAttributes(report.model(risks.list(), risks.reassessment(), "/css/securevisit.css"));
        return "risk/report";
    }
}
