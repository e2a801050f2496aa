package health.securevisit.compliance.internal;

import health.securevisit.platform.PdfDocuments;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** The report page: one Thymeleaf template, served as HTML and rendered to PDF (openhtmltopdf). */
@Component
public class ReportDocument {

    public static final String TEMPLATE = "compliance/report";

    private final ITemplateEngine templates;

    ReportDocument(ITemplateEngine templates) {
        this.templates = templates;
    }

    /** The page's model; {@code css} is the stylesheet's address. */
    public static Map<String, Object> model(ReportView report, String css) {
        return Map.of("r", report, "css", css);
    }

    public byte[] pdf(ReportView report) {
        Context context = new Context();
        context.setVariables(model(report, "css/securevisit.css"));
        return PdfDocuments.render(templates.process(TEMPLATE, context));
    }
}
