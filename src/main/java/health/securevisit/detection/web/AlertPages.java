package health.securevisit.detection.web;

import health.securevisit.detection.AlertStatus;
import health.securevisit.detection.SecurityAlert;
import health.securevisit.detection.internal.AlertService;
import health.securevisit.detection.internal.AlertStore;
import health.securevisit.detection.internal.RuleCatalog;
import health.securevisit.platform.SecureVisitException;
import java.util.List;
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

/** The alert console for security officers (server-rendered, no scripts); every view and change audited. */
@Controller
@PreAuthorize("hasRole('SECURITY_OFFICER')")
class AlertPages {

    private static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL");

    private final AlertService alerts;
    private final RuleCatalog rules;

    AlertPages(AlertService alerts, RuleCatalog rules) {
        this.alerts = alerts;
        this.rules = rules;
    }

    @GetMapping("/console/alerts")
    String list(
            @RequestParam(required = false) @Nullable AlertStatus status,
            @RequestParam(required = false) @Nullable String severity,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String sev = severity != null && SEVERITIES.contains(severity) ? severity : null;
        String rule = kind != null && kind.matches("[a-z0-9-]{3,32}") ? kind : null;
        AlertStore.Page found =
                alerts.list(new AlertStore.Filter(status, sev, rule, null, Math.max(0, Math.min(page, 100_000)), 25));
        model.addAttribute("page", found);
        model.addAttribute("statuses", AlertStatus.values());
        model.addAttribute("severities", SEVERITIES);
        model.addAttribute("rules", rules.view().rules());
        model.addAttribute("status", status);
        model.addAttribute("severity", sev);
        model.addAttribute("kind", rule);
        model.addAttribute("officer", true);
        return "detection/alerts";
    }

    @GetMapping("/console/alerts/{id}")
    String alert(@PathVariable UUID id, Model model) {
        SecurityAlert alert = alerts.open(id);
        model.addAttribute("alert", alert);
        model.addAttribute("next", alert.status().next().stream().sorted().toList());
        model.addAttribute("officer", true);
        return "detection/alert";
    }

    @PostMapping("/console/alerts/{id}/status")
    String status(@PathVariable UUID id, @RequestParam AlertStatus status, RedirectAttributes redirect) {
        return apply(id, redirect, "The alert is now " + status + ".", () -> alerts.transition(id, status));
    }

    @PostMapping("/console/alerts/{id}/assignee")
    String assign(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String assignee,
            RedirectAttributes redirect) {
        UUID who;
        try {
            who = assignee == null || assignee.isBlank() ? null : UUID.fromString(assignee.strip());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", "An account id looks like 8-4-4-4-12 hexadecimal digits.");
            return "redirect:/console/alerts/" + id;
        }
        return apply(
                id,
                redirect,
                who == null ? "The alert is unassigned." : "The alert was assigned.",
                () -> alerts.assign(id, who));
    }

    private static String apply(UUID id, RedirectAttributes redirect, String success, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("message", success);
        } catch (SecureVisitException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/alerts/" + id;
    }
}
