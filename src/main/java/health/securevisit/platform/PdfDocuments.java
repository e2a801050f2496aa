package health.securevisit.platform;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;

/** Reports as PDF: XHTML (a Thymeleaf page) rendered by openhtmltopdf over PDFBox, with the static resources as base. */
public final class PdfDocuments {

    private PdfDocuments() {}

    /** The PDF of {@code xhtml}; relative links (the stylesheet) resolve against {@code /static/}. */
    public static byte[] render(String xhtml) {
        URL base = PdfDocuments.class.getResource("/static/");
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml, base == null ? null : base.toExternalForm());
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("the report could not be rendered", e);
        }
    }
}
