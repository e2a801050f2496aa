package health.securevisit.workforce.web;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.workforce.internal.AccessReviews;
import health.securevisit.workforce.internal.Courses;
import health.securevisit.workforce.internal.Leavers;
import health.securevisit.workforce.internal.Policies;
import health.securevisit.workforce.internal.Training;
import health.securevisit.workforce.internal.WorkforceAudit;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The workforce pages: "My training and policies" for every workforce member (their own records only),
 * and the security officer's workforce console (everyone's training, policy versions and missing
 * acknowledgements, access reviews, leavers). Both are audited like the API's reads; anonymous visitors
 * are sent to the login page.
 */
@Controller
class WorkforcePages {

    private final CurrentWorkforceUser current;
    private final Courses courses;
    private final Training training;
    private final Policies policies;
    private final AccessReviews reviews;
    private final Leavers leavers;
    private final WorkforceAudit audit;
    private final Clock clock;

    WorkforcePages(
            CurrentWorkforceUser current,
            Courses courses,
            Training training,
            Policies policies,
            AccessReviews reviews,
            Leavers leavers,
            WorkforceAudit audit,
            Clock clock) {
        this.current = current;
        this.courses = courses;
        this.training = training;
        this.policies = policies;
        this.reviews = reviews;
        this.leavers = leavers;
        this.audit = audit;
        this.clock = clock;
    }

    /** An assignment with its course, as the pages show it. */
    record Row(Training.Assignment assignment, Courses.Course course) {}

    /** A current policy with the member's acknowledgement. */
    record PolicyRow(Policies.Policy policy, Optional<Instant> acknowledgedAt) {}

    @GetMapping("/account/training")
    String mine(Model model) {
        Optional<WorkforcePrincipal> signedIn = current.current();
        if (signedIn.isEmpty()) {
            return "redirect:/login";
        }
        WorkforcePrincipal me = signedIn.get();
        audit.record(me, "workforce.training.read", Outcome.SUCCESS, "page", "workforce-user", me.id());
        Map<String, Courses.Course> catalog =
                courses.all().stream().collect(Collectors.toMap(Courses.Course::id, Function.identity()));
        model.addAttribute("status", training.statusOf(me.id()).name());
        model.addAttribute("accountId", me.id());
        model.addAttribute(
                "rows",
                training.assignments(me.id()).stream()
                        .map(a -> new Row(a, catalog.get(a.courseId())))
                        .toList());
        model.addAttribute(
                "policies",
                policies.currentPolicies().stream()
                        .map(p -> new PolicyRow(
                                p,
                                policies.acknowledgement(p.id(), me.id())
                                        .map(Policies.Acknowledgement::acknowledgedAt)))
                        .toList());
        return "workforce/mine";
    }

    @GetMapping("/console/workforce")
    String console(Model model) {
        Optional<WorkforcePrincipal> signedIn = current.current();
        if (signedIn.isEmpty()) {
            return "redirect:/login";
        }
        if (!signedIn.get().roles().contains(Role.SECURITY_OFFICER)) {
            return "redirect:/account/training";
        }
        audit.record(signedIn.get(), "workforce.console.read", Outcome.SUCCESS, null, "training", null);
        Instant now = clock.instant();
        model.addAttribute("overdue", training.overdue(now));
        model.addAttribute("assignments", training.all(200));
        model.addAttribute("versions", policies.all());
        model.addAttribute("unacknowledged", policies.unacknowledged());
        model.addAttribute("reviews", reviews.list());
        model.addAttribute(
                "leavers",
                leavers.since(now.minusSeconds(365L * 24 * 3600)).stream()
                        .map(l -> Map.of("leaver", l, "state", l.state(now)))
                        .toList());
        model.addAttribute("courses", courses.all());
        return "workforce/console";
    }
}
