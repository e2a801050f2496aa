package health.securevisit.records.web;

import health.securevisit.identity.CurrentWorkforceUser;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The records pages: shells whose scripts call the JSON API, so every access decision is the API's
 * (and audited there). Anonymous visitors are sent to the login page.
 */
@Controller
class RecordsPages {

    private final CurrentWorkforceUser current;

    RecordsPages(CurrentWorkforceUser current) {
        this.current = current;
    }

    @GetMapping("/visits/{visitId}/artifacts/{artifactId}")
    String artifact(@PathVariable UUID visitId, @PathVariable UUID artifactId, Model model) {
        model.addAttribute("visitId", visitId.toString());
        model.addAttribute("artifactId", artifactId.toString());
        return current.current().isPresent() ? "records/artifact" : "redirect:/login";
    }
}
