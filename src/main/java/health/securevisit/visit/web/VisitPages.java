package health.securevisit.visit.web;

import health.securevisit.identity.CurrentWorkforceUser;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The visit pages. They are shells: their scripts call the JSON API, so every access decision is the
 * API's (and audited there). Workforce pages send anonymous visitors to the login page.
 */
@Controller
class VisitPages {

    private final CurrentWorkforceUser current;

    VisitPages(CurrentWorkforceUser current) {
        this.current = current;
    }

    @GetMapping("/staff/visits/new")
    String schedule() {
        return signedIn("visit/new");
    }

    @GetMapping("/clinician/schedule")
    String clinicianSchedule() {
        return signedIn("visit/schedule");
    }

    @GetMapping("/visits/{id}")
    String visit(@PathVariable UUID id, Model model) {
        model.addAttribute("visitId", id.toString());
        return signedIn("visit/visit");
    }

    @GetMapping("/join")
    String join() {
        return "visit/join";
    }

    private String signedIn(String view) {
        return current.current().isPresent() ? view : "redirect:/login";
    }
}
