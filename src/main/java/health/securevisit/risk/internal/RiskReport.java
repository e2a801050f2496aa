package health.securevisit.risk.internal;

import health.securevisit.platform.PdfDocuments;
import health.securevisit.platform.PhiFlowMap;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** The risk assessment report: one Thymeleaf template, served as HTML and rendered to PDF. */
@Component
public class RiskReport {

    static final String TEMPLATE = "risk/report";

    private final FlowMaps maps;
    private final Scales scales;
    private final ThreatCatalog catalog;
    private final ITemplateEngine templates;
    private final Clock clock;

    RiskReport(FlowMaps maps, Scales scales, ThreatCatalog catalog, ITemplateEngine templates, Clock clock) {
        this.maps = maps;
        this.scales = scales;
        this.catalog = catalog;
        this.templates = templates;
        this.clock = clock;
    }

    /** The model of the report, for the page and the PDF; {@code css} is the stylesheet's address. */
    public Map<String, Object> model(
            List<RiskService.ScenarioView> scenarios, RiskService.Reassessment clockState, String css) {
        PhiFlowMap map = maps.current();
        return Map.of(
                "generatedAt", clock.instant().toString(),
                "scenarios", scenarios,
                "reassessment", clockState,
                "map", map,
                "findings", FlowMaps.findings(map),
                "threats", catalog.threats(),
                "levels", List.of(Level.values()).reversed(),
                "scales", scales,
                "css", css);
    }

    /** The report as PDF (openhtmltopdf over PDFBox). */
    public byte[] pdf(List<RiskService.ScenarioView> scenarios, RiskService.Reassessment clockState) {
        Context context = new Context();
        context.setVariables(model(scenarios, clockState, "css/securevisit.css"));
        return PdfDocuments.render(templates.process(TEMPLATE, context));
    }
}
