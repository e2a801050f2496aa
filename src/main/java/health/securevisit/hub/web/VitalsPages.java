package health.securevisit.hub.web;

import java.util.UUID;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The care team's remote-monitoring page of a patient. The page holds no PHI (only the patient id
 * from its path); its script calls the vitals API, so every access decision is the API's.
 */
@Controller
class VitalsPages {

    @GetMapping("/care/patients/{id}/vitals")
    String vitals(@PathVariable UUID id, Model model) {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn == null || !signedIn.isAuthenticated() || signedIn instanceof AnonymousAuthenticationToken) {
            return "redirect:/login";
        }
        model.addAttribute("patientId", id.toString());
        model.addAttribute("admin", false);
        return "hub/vitals";
    }
}
