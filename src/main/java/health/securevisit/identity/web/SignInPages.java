package health.securevisit.identity.web;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.identity.internal.Factors;
import health.securevisit.identity.internal.IdentityAudit;
import health.securevisit.identity.internal.IdentityFailure;
import health.securevisit.identity.internal.SessionControl;
import health.securevisit.identity.internal.SignIn;
import health.securevisit.identity.internal.TotpEnrollment;
import health.securevisit.identity.internal.TotpSecrets;
import health.securevisit.platform.SecureVisitException;
import health.securevisit.platform.TooManyAttemptsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Server-rendered sign-in pages: login, MFA challenge, MFA enrolment, recovery codes, logout. */
@Controller
class SignInPages {

    private final SignIn signIn;
    private final TotpEnrollment enrollment;
    private final TotpSecrets totpSecrets;
    private final Factors factors;
    private final SessionControl sessions;
    private final IdentityAudit audit;

    SignInPages(
            SignIn signIn,
            TotpEnrollment enrollment,
            TotpSecrets totpSecrets,
            Factors factors,
            SessionControl sessions,
            IdentityAudit audit) {
        this.signIn = signIn;
        this.enrollment = enrollment;
        this.totpSecrets = totpSecrets;
        this.factors = factors;
        this.sessions = sessions;
        this.audit = audit;
    }

    @GetMapping("/")
    String home() {
        return SessionControl.principal().isPresent() ? "redirect:/account/security" : "redirect:/login";
    }

    @GetMapping("/login")
    String login() {
        return "identity/login";
    }

    @PostMapping("/login")
    String login(
            @RequestParam String username,
            @RequestParam String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            WorkforcePrincipal principal = signIn.password(username, password, request.getRemoteAddr());
            sessions.establish(principal, request, response);
            return signIn.next(principal).equals("mfa-enroll") ? "redirect:/mfa/enroll" : "redirect:/mfa";
        } catch (SecureVisitException | TooManyAttemptsException e) {
            model.addAttribute("error", e.getMessage());
            return "identity/login";
        }
    }

    @GetMapping("/mfa")
    String challenge() {
        Optional<WorkforcePrincipal> principal = SessionControl.principal();
        if (principal.isEmpty()) {
            return "redirect:/login";
        }
        if (!factors.hasAny(principal.get().id())) {
            return "redirect:/mfa/enroll";
        }
        return "identity/mfa";
    }

    @PostMapping("/mfa/totp")
    String verifyTotp(
            @RequestParam String code, HttpServletRequest request, HttpServletResponse response, Model model) {
        return verify(request, response, model, p -> signIn.totp(p, code, request.getRemoteAddr()));
    }

    @PostMapping("/mfa/recovery")
    String verifyRecovery(
            @RequestParam String code, HttpServletRequest request, HttpServletResponse response, Model model) {
        return verify(request, response, model, p -> signIn.recoveryCode(p, code, request.getRemoteAddr()));
    }

    private String verify(
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            java.util.function.UnaryOperator<WorkforcePrincipal> step) {
        WorkforcePrincipal principal = AuthApiController.signedIn();
        try {
            sessions.establish(step.apply(principal), request, response);
            return "redirect:/account/security";
        } catch (SecureVisitException | TooManyAttemptsException e) {
            model.addAttribute("error", e.getMessage());
            return "identity/mfa";
        }
    }

    @GetMapping("/mfa/enroll")
    String enroll(Model model) {
        WorkforcePrincipal principal = AuthApiController.signedIn();
        if (!principal.mfaSatisfied() && factors.hasAny(principal.id())) {
            return "redirect:/mfa";
        }
        boolean hasTotp = totpSecrets
                .find(principal.id())
                .filter(TotpSecrets.Entry::confirmed)
                .isPresent();
        if (!hasTotp) {
            TotpEnrollment.Started started = enrollment.begin(principal);
            model.addAttribute("totp", started);
        }
        model.addAttribute("firstFactor", !principal.mfaSatisfied());
        return "identity/enroll";
    }

    @PostMapping("/mfa/totp/confirm")
    String confirmTotp(
            @RequestParam String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        try {
            TotpEnrollment.Confirmed confirmed =
                    enrollment.confirm(AuthApiController.signedIn(), code, request.getRemoteAddr());
            sessions.establish(confirmed.principal(), request, response);
            redirect.addFlashAttribute("recoveryCodes", confirmed.recoveryCodes());
            return "redirect:/mfa/recovery-codes";
        } catch (IdentityFailure | TooManyAttemptsException e) {
            model.addAttribute("error", e.getMessage());
            return enroll(model);
        }
    }

    @GetMapping("/mfa/recovery-codes")
    String recoveryCodes(Model model) {
        if (!model.containsAttribute("recoveryCodes")) {
            model.addAttribute("recoveryCodes", List.of());
        }
        return "identity/recovery-codes";
    }

    @PostMapping("/logout")
    String logout(HttpServletRequest request) {
        SessionControl.principal()
                .ifPresent(p -> audit.record(audit.by(p, "auth.logout", Outcome.SUCCESS, "user-logout")));
        sessions.end(request);
        return "redirect:/login?logout";
    }
}
