package health.securevisit.identity.web;

import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.Role;
import health.securevisit.identity.internal.IdentityFailure;
import health.securevisit.identity.internal.UserAdministration;
import health.securevisit.platform.SecureVisitException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Account administration pages (role ADMIN). */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AdminPages {

    private final UserAdministration administration;
    private final CurrentWorkforceUser current;

    AdminPages(UserAdministration administration, CurrentWorkforceUser current) {
        this.administration = administration;
        this.current = current;
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        model.addAttribute("users", administration.list());
        model.addAttribute("roles", Role.values());
        return "identity/admin-users";
    }

    @PostMapping("/admin/users")
    String create(
            @RequestParam String username,
            @RequestParam String password,
            @RequestParam(required = false) List<Role> roles,
            @RequestParam(required = false) @Nullable String reason,
            RedirectAttributes redirect) {
        Set<Role> chosen = roles == null || roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
        return apply(
                redirect,
                "The account " + username + " was created.",
                () -> administration.create(
                        current.current().orElseThrow(IdentityFailure::mfaRequired),
                        username,
                        password,
                        chosen,
                        reason));
    }

    @PostMapping("/admin/users/{id}/enabled")
    String enabled(@PathVariable UUID id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        return apply(
                redirect,
                enabled ? "The account was enabled." : "The account was disabled.",
                () -> administration.setEnabled(
                        current.current().orElseThrow(IdentityFailure::mfaRequired), id, enabled));
    }

    @PostMapping("/admin/users/{id}/roles")
    String roles(@PathVariable UUID id, @RequestParam(required = false) List<Role> roles, RedirectAttributes redirect) {
        Set<Role> chosen = roles == null || roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
        return apply(
                redirect,
                "The roles were changed.",
                () -> administration.setRoles(current.current().orElseThrow(IdentityFailure::mfaRequired), id, chosen));
    }

    private static String apply(RedirectAttributes redirect, String success, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("message", success);
        } catch (SecureVisitException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/users";
    }
}
