package health.securevisit.incident.web;

import health.securevisit.incident.internal.DrillService;
import health.securevisit.incident.internal.IncidentService;
import health.securevisit.platform.SecureVisitException;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Incident and drill pages for security officers (server-rendered, no scripts). */
@Controller
@PreAuthorize("hasRole('SECURITY_OFFICER')")
class IncidentPages {

    private final IncidentService incidents;
    private final DrillService drills;

    IncidentPages(IncidentService incidents, DrillService drills) {
        this.incidents = incidents;
        this.drills = drills;
    }

    @GetMapping("/console/incidents")
    String list(Model model) {
        model.addAttribute("incidents", incidents.recent());
        model.addAttribute("scenarios", drills.scenarios());
        model.addAttribute("drills", drills.recent());
        model.addAttribute("schedule", drills.status());
        model.addAttribute("officer", true);
        return "incident/incidents";
    }

    @PostMapping("/console/incidents")
    String open(
            @RequestParam String title,
            @RequestParam String severity,
            @RequestParam(required = false) @Nullable UUID alertId,
            @RequestParam(defaultValue = "UTC") String zone,
            RedirectAttributes redirect) {
        String sev = "INFORMATIONAL".equals(severity) ? "LOW" : severity;
        return apply(
                redirect,
                "/console/incidents",
                "The incident was opened.",
                () -> "/console/incidents/" + incidents.open(title, sev, alertId, zone));
    }

    @GetMapping("/console/incidents/{id}")
    String incident(@PathVariable UUID id, Model model) {
        model.addAttribute("view", incidents.view(id));
        model.addAttribute("containments", IncidentService.Containment.values());
        model.addAttribute("factors", AssessmentForm.FACTORS);
        model.addAttribute("officer", true);
        return "incident/incident";
    }

    @PostMapping("/console/incidents/{id}/events")
    String event(
            @PathVariable UUID id,
            @RequestParam String kind,
            @RequestParam(required = false) @Nullable String note,
            RedirectAttributes redirect) {
        String back = "/console/incidents/" + id;
        return apply(redirect, back, "The event was added.", () -> {
            String zone = incidents.view(id).incident().zone();
            incidents.event(id, Instant.now(), zone, kind, note == null || note.isBlank() ? null : note);
            return back;
        });
    }

    @PostMapping("/console/incidents/{id}/tasks")
    String task(@PathVariable UUID id, @RequestParam String title, RedirectAttributes redirect) {
        String back = "/console/incidents/" + id;
        return apply(redirect, back, "The task was added.", () -> {
            incidents.task(id, title, null);
            return back;
        });
    }

    @PostMapping("/console/incidents/{id}/tasks/{task}/done")
    String taskDone(@PathVariable UUID id, @PathVariable UUID task, RedirectAttributes redirect) {
        String back = "/console/incidents/" + id;
        return apply(redirect, back, "The task is done.", () -> {
            incidents.taskDone(id, task);
            return back;
        });
    }

    @PostMapping("/console/incidents/{id}/communication/{step}")
    String acknowledge(@PathVariable UUID id, @PathVariable UUID step, RedirectAttributes redirect) {
        String back = "/console/incidents/" + id;
        return apply(redirect, back, "The step was acknowledged.", () -> {
            incidents.acknowledge(id, step);
            return back;
        });
    }

    @PostMapping("/console/incidents/{id}/containment")
    String contain(
            @PathVariable UUID id,
            @RequestParam IncidentService.Containment action,
            @RequestParam(required = false) @Nullable String target,
            RedirectAttributes redirect) {
        String back = "/console/incidents/" + id;
        return apply(redirect, back, "Done: " + action + ".", () -> {
            incidents.contain(id, action, target == null || target.isBlank() ? null : target.strip());
            return back;
        });
    }

    @PostMapping("/console/incidents/{id}/close")
    String close(@PathVariable UUID id, @RequestParam("closingNote") String note, RedirectAttributes redirect) {
        String back = "/console/incidents/" + id;
        return apply(redirect, back, "The incident was closed.", () -> {
            incidents.close(id, note);
            return back;
        });
    }

    @PostMapping("/console/incidents/{id}/assessment")
    String assess(@PathVariable UUID id, AssessmentForm form, RedirectAttributes redirect) {
        String back = "/console/incidents/" + id;
        return apply(redirect, back, "The incident was assessed: verdict and clocks below.", () -> {
            incidents.assess(id, form.assessed());
            return back;
        });
    }

    @PostMapping("/console/drills")
    String startDrill(@RequestParam String scenario, RedirectAttributes redirect) {
        return apply(redirect, "/console/incidents", "The drill started; its events are in the drill trail.", () -> {
            drills.start(scenario);
            return "/console/incidents";
        });
    }

    private static String apply(RedirectAttributes redirect, String onError, String success, Supplier<String> action) {
        try {
            String target = action.get();
            redirect.addFlashAttribute("message", success);
            return "redirect:" + target;
        } catch (SecureVisitException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:" + onError;
        }
    }
}
