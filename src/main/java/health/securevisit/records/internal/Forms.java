package health.securevisit.records.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Questionnaire;
import org.springframework.stereotype.Component;

/**
 * The intake forms shipped with the product: FHIR R4 Questionnaires, identified by canonical url and
 * version (a changed form is shipped under a new version; answers keep the version they answered).
 */
@Component
public class Forms {

    static final FhirContext R4 = FhirContext.forR4Cached();
    public static final String INTAKE = "https://securevisit.health/fhir/Questionnaire/telehealth-intake";
    public static final String CONSENT = "https://securevisit.health/fhir/Questionnaire/telehealth-consent";

    /** A form: its url, version and Questionnaire. */
    public record Form(String url, String version, Questionnaire questionnaire) {}

    private final List<Form> forms;

    Forms() {
        this.forms = List.of(load("telehealth-intake.json"), load("telehealth-consent.json"));
    }

    public List<Form> all() {
        return forms;
    }

    public Optional<Form> find(String url) {
        return forms.stream().filter(f -> f.url().equals(url)).findFirst();
    }

    Form consentForm() {
        return find(CONSENT).orElseThrow();
    }

    /** A resource as FHIR JSON. */
    public static String encode(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        return json().encodeResourceToString(resource);
    }

    static IParser json() {
        return R4.newJsonParser();
    }

    private static Form load(String name) {
        try (InputStream in = Forms.class.getResourceAsStream("/records/forms/" + name)) {
            if (in == null) {
                throw new IllegalStateException("form " + name + " is missing from the build");
            }
            Questionnaire q = json().parseResource(Questionnaire.class, in);
            return new Form(q.getUrl(), q.getVersion(), q);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
