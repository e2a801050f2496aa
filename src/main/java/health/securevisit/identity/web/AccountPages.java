package health.securevisit.identity.web;

import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.StepUpRequiredException;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.identity.internal.Factors;
import health.securevisit.identity.internal.IdentityFailure;
import health.securevisit.identity.internal.RecoveryCodes;
import java.time.Duration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own security page: session, factors (list, add, remove), recovery codes. */
@Controller
class AccountPages {

    static final Duration FRESH = Duration.ofMinutes(15);

    private final Factors factors;
    private final RecoveryCodes recoveryCodes;
    private final CurrentWorkforceUser current;

    AccountPages(Factors factors, RecoveryCodes recoveryCodes, CurrentWorkforceUser current) {
        this.factors = factors;
        this.recoveryCodes = recoveryCodes;
        this.current = current;
    }

    @GetMapping("/account/security")
    String security(Model model) {
        WorkforcePrincipal p = current.current().orElseThrow(IdentityFailure::mfaRequired);
        model.addAttribute("principal", p);
        model.addAttribute("factors", factors.list(p.id()));
        model.addAttribute("recoveryCodesRemaining", recoveryCodes.remaining(p.id()));
        model.addAttribute("admin", p.roles().contains(health.securevisit.identity.Role.ADMIN));
        return "identity/security";
    }

    @PostMapping("/account/security/factors/{id}/remove")
    String remove(@PathVariable String id, RedirectAttributes redirect) {
        try {
            factors.remove(current.requireMfaWithin(FRESH), id);
            redirect.addFlashAttribute("message", "The factor was removed.");
        } catch (IdentityFailure | StepUpRequiredException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/account/security";
    }

    @PostMapping("/account/security/recovery-codes")
    String regenerate(RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute(
                    "recoveryCodes",
                    recoveryCodes.regenerate(current.requireMfaWithin(FRESH).id()));
            return "redirect:/mfa/recovery-codes";
        } catch (StepUpRequiredException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/account/security";
        }
    }
}
