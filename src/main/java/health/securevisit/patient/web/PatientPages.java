package health.securevisit.patient.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The staff patient list: a search form, a create form and a results table. The page itself holds no
 * PHI; its script calls the JSON API, so every access decision is the API's.
 */
@Controller
class PatientPages {

    @GetMapping("/staff/patients")
    String list() {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn == null || !signedIn.isAuthenticated() || signedIn instanceof AnonymousAuthenticationToken) {
            return "redirect:/login";
        }
        return "patient/list";
    }
}
