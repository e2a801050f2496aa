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
import health.securevisit.workforce.internal.WorkforceFailure;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workforce program's API. Not PHI, but account-scoped: a member sees only their own training,
 * statements and acknowledgements; security officers see everyone's and run courses, policies,
 * reviews and leavers. Every call is audited.
 */
@RestController
@RequestMapping(path = "/api/v1/workforce", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "workforce", description = "Training, policies, access reviews and leavers")
class WorkforceApiController {

    static final String ANY_ROLE = "hasAnyRole('CLINICIAN','STAFF','SECURITY_OFFICER','ADMIN','AUDITOR')";
    static final String OFFICER = "hasRole('SECURITY_OFFICER')";

    private final CurrentWorkforceUser current;
    private final Courses courses;
    private final Training training;
    private final Policies policies;
    private final AccessReviews reviews;
    private final Leavers leavers;
    private final WorkforceAudit audit;
    private final Clock clock;

    WorkforceApiController(
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

    record NewCourse(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}")
            String id,

            @Nullable @Size(max = 200) String title,
            @Nullable @Size(max = 20000) String content,
            @Nullable @Size(max = 5) List<Role> roles) {}

    record Completion(
            @NotNull UUID accountId,
            @NotBlank @Size(max = 64) String courseId,
            @Min(1) @Max(1_000_000) int courseVersion,
            @NotBlank @Size(max = 500) String attestation) {}

    record TrainingView(UUID accountId, String status, List<Training.Assignment> assignments) {}

    record XapiStatement(
            UUID id,
            Map<String, Object> actor,
            Map<String, Object> verb,
            Map<String, Object> object,
            Map<String, Object> result,
            Instant timestamp) {
        static XapiStatement of(Training.Statement s) {
            return new XapiStatement(
                    s.id(),
                    Map.of("objectType", "Agent", "account", Map.of("homePage", "urn:securevisit", "name", s.actor())),
                    Map.of("id", s.verb(), "display", Map.of("en-US", "completed")),
                    Map.of("objectType", "Activity", "id", s.object()),
                    Map.of("completion", true, "success", s.success(), "response", s.response()),
                    s.timestamp());
        }
    }

    record NewPolicy(
            @NotBlank @Size(max = 64) String key,
            @Nullable @Size(max = 200) String title,
            @Nullable @Size(max = 100_000) String content) {}

    record PolicyView(
            UUID id,
            String key,
            int version,
            String title,
            String content,
            String contentSha256,
            Instant publishedAt,
            @Nullable Instant supersededAt,
            @Nullable Instant retainUntil,
            @Nullable Instant acknowledgedAt) {}

    record ReviewDecision(
            @NotNull UUID accountId, @NotNull @Size(max = 5) Set<Role> keepRoles) {}

    record NewLeaver(@NotNull UUID accountId, @Nullable Instant leftAt) {}

    record LeaverView(Leavers.Leaver leaver, String state) {}

    private WorkforcePrincipal me() {
        return current.current().orElseThrow(WorkforceFailure::notYours);
    }

    private static boolean officer(WorkforcePrincipal p) {
        return p.roles().contains(Role.SECURITY_OFFICER);
    }

    // Courses

    @GetMapping("/courses")
    @PreAuthorize(ANY_ROLE)
    @Operation(summary = "The training courses with their content (audited as workforce.course.list)")
    List<Courses.Course> courses() {
        audit.record(me(), "workforce.course.list", Outcome.SUCCESS, null, "course", null);
        return courses.all();
    }

    @PostMapping("/courses")
    @PreAuthorize(OFFICER)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a course or a new version of one (SECURITY_OFFICER); content is required")
    Courses.Course addCourse(@Valid @RequestBody NewCourse request) {
        WorkforcePrincipal me = me();
        try {
            Courses.Course course = courses.store(
                    new Courses.Definition(request.id(), 1, request.title(), request.content(), request.roles()));
            audit.record(me, "workforce.course.store", Outcome.SUCCESS, "v" + course.version(), "course", course.id());
            return course;
        } catch (WorkforceFailure refused) {
            audit.record(me, "workforce.course.store", Outcome.DENIED, refused.code(), "course", request.id());
            throw refused;
        }
    }

    // Training

    @GetMapping("/training/mine")
    @PreAuthorize(ANY_ROLE)
    @Operation(summary = "The caller's own training assignments and status")
    TrainingView myTraining() {
        return trainingOf(me(), me().id());
    }

    @GetMapping("/training/accounts/{accountId}")
    @PreAuthorize(ANY_ROLE)
    @Operation(summary = "One account's training (the account itself or a SECURITY_OFFICER)")
    TrainingView training(@PathVariable UUID accountId) {
        return trainingOf(me(), accountId);
    }

    private TrainingView trainingOf(WorkforcePrincipal me, UUID accountId) {
        if (!me.id().equals(accountId) && !officer(me)) {
            audit.record(
                    me, "workforce.training.read", Outcome.DENIED, "workforce-not-yours", "workforce-user", accountId);
            throw WorkforceFailure.notYours();
        }
        audit.record(me, "workforce.training.read", Outcome.SUCCESS, null, "workforce-user", accountId);
        return new TrainingView(accountId, training.statusOf(accountId).name(), training.assignments(accountId));
    }

    @GetMapping("/training")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Every assignment, newest first, and the accounts overdue (SECURITY_OFFICER)")
    Map<String, Object> allTraining() {
        audit.record(me(), "workforce.training.list", Outcome.SUCCESS, null, "training", null);
        return Map.of("overdueAccounts", training.overdue(clock.instant()), "assignments", training.all(1000));
    }

    @PostMapping("/training/assignments/run")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Bring assignments up to date now: hires and yearly renewals (SECURITY_OFFICER)")
    Map<String, Integer> runAssignments() {
        audit.record(me(), "workforce.training.run", Outcome.SUCCESS, null, "training", null);
        return Map.of("assigned", training.assignDue(clock.instant()));
    }

    @PostMapping("/training/statements")
    @PreAuthorize(ANY_ROLE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Attest one's own completion of a course (stored as an xAPI-style statement)")
    XapiStatement complete(@Valid @RequestBody Completion request) {
        return XapiStatement.of(training.complete(
                me(), request.accountId(), request.courseId(), request.courseVersion(), request.attestation()));
    }

    @GetMapping("/training/statements/mine")
    @PreAuthorize(ANY_ROLE)
    @Operation(summary = "The caller's own completion statements (xAPI-style)")
    List<XapiStatement> myStatements() {
        WorkforcePrincipal me = me();
        audit.record(me, "workforce.statement.read", Outcome.SUCCESS, null, "workforce-user", me.id());
        return training.statements(me.id()).stream().map(XapiStatement::of).toList();
    }

    // Policies

    @GetMapping("/policies")
    @PreAuthorize(ANY_ROLE)
    @Operation(summary = "Current policies with the caller's acknowledgement of each")
    List<PolicyView> policies() {
        WorkforcePrincipal me = me();
        audit.record(me, "workforce.policy.list", Outcome.SUCCESS, null, "policy", null);
        return policies.currentPolicies().stream().map(p -> view(p, me.id())).toList();
    }

    @GetMapping("/policies/versions")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Every kept version with its retention date, and accounts missing an acknowledgement")
    Map<String, Object> versions() {
        audit.record(me(), "workforce.policy.versions", Outcome.SUCCESS, null, "policy", null);
        return Map.of(
                "versions", policies.all().stream().map(p -> view(p, null)).toList(),
                "unacknowledgedAccounts", policies.unacknowledged());
    }

    @PostMapping("/policies")
    @PreAuthorize(OFFICER)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Publish a policy or a new version of one (SECURITY_OFFICER); supersedes the current")
    PolicyView publish(@Valid @RequestBody NewPolicy request) {
        return view(policies.publish(me(), request.key(), request.title(), request.content()), null);
    }

    @PostMapping("/policies/{policyId}/acknowledgement")
    @PreAuthorize(ANY_ROLE)
    @Operation(summary = "Acknowledge the current version of a policy (one's own acknowledgement)")
    PolicyView acknowledge(@PathVariable UUID policyId) {
        WorkforcePrincipal me = me();
        policies.acknowledge(me, policyId);
        return view(policies.find(policyId).orElseThrow(), me.id());
    }

    private PolicyView view(Policies.Policy p, @Nullable UUID account) {
        Instant acknowledged = account == null
                ? null
                : policies.acknowledgement(p.id(), account)
                        .map(Policies.Acknowledgement::acknowledgedAt)
                        .orElse(null);
        return new PolicyView(
                p.id(),
                p.key(),
                p.version(),
                p.title(),
                p.content(),
                p.contentSha256(),
                p.publishedAt(),
                p.supersededAt(),
                p.retainUntil(),
                acknowledged);
    }

    // Access reviews

    @GetMapping("/access-reviews")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Access reviews with their decisions (SECURITY_OFFICER)")
    List<AccessReviews.Review> reviews() {
        audit.record(me(), "workforce.review.list", Outcome.SUCCESS, null, "access-review", null);
        return reviews.list();
    }

    @PostMapping("/access-reviews")
    @PreAuthorize(OFFICER)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start an access review (SECURITY_OFFICER)")
    AccessReviews.Review startReview() {
        return reviews.start(me());
    }

    @PostMapping("/access-reviews/{reviewId}/decisions")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Confirm or remove an account's roles; no roles left disables the account")
    AccessReviews.Decision decide(@PathVariable UUID reviewId, @Valid @RequestBody ReviewDecision request) {
        Set<Role> keep =
                request.keepRoles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(request.keepRoles());
        return reviews.decide(me(), reviewId, request.accountId(), keep);
    }

    @PostMapping("/access-reviews/{reviewId}/completion")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Complete a review once every enabled account has a decision")
    AccessReviews.Review completeReview(@PathVariable UUID reviewId) {
        return reviews.complete(me(), reviewId);
    }

    // Leavers

    @GetMapping("/leavers")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Leavers of the last 12 months with their deprovisioning clock (SECURITY_OFFICER)")
    List<LeaverView> leavers() {
        audit.record(me(), "workforce.leaver.list", Outcome.SUCCESS, null, "workforce-user", null);
        Instant now = clock.instant();
        return leavers.since(now.minusSeconds(365L * 24 * 3600)).stream()
                .map(l -> new LeaverView(l, l.state(now)))
                .toList();
    }

    @PostMapping("/leavers")
    @PreAuthorize(OFFICER)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a leaver; the account must be deprovisioned within the deadline (1 hour)")
    LeaverView recordLeaver(@Valid @RequestBody NewLeaver request) {
        Leavers.Leaver leaver = leavers.record(me(), request.accountId(), request.leftAt());
        return new LeaverView(leaver, leaver.state(clock.instant()));
    }

    @PostMapping("/leavers/{accountId}/deprovisioning")
    @PreAuthorize(OFFICER)
    @Operation(summary = "Disable the leaver's account and end its sessions (stops the clock)")
    LeaverView deprovision(@PathVariable UUID accountId) {
        Leavers.Leaver leaver = leavers.deprovision(me(), accountId);
        return new LeaverView(leaver, leaver.state(clock.instant()));
    }
}
