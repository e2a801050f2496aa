package health.securevisit.workforce;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.identity.WorkforceDirectory;
import health.securevisit.platform.EvidenceSource;
import health.securevisit.platform.EvidenceSource.Evidence;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.Clinic;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import health.securevisit.workforce.internal.Policies;
import health.securevisit.workforce.internal.Training;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The workforce program on a real server (H2): courses as data, assignment at hire, attested
 * completions as xAPI-style statements, the training input of the access decision point on the chart
 * (a real PHI endpoint), policies with six-year retention, access reviews, leavers, account scoping,
 * the pages, and the evidence each contributes.
 */
class WorkforceServerTests {

    static final Duration GRACE = Duration.ofDays(7);
    static RunningServer server;
    static Workforce.Account officerAccount;
    static Workforce officer;

    @BeforeAll
    static void start() {
        server = RunningServer.start(Map.of("workforce.training-grace", "7d"));
        officerAccount = Workforce.newAccount(server, Workforce.unique("wf.officer"), "SECURITY_OFFICER");
        officer = Workforce.on(server).signIn(officerAccount);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode problem(HttpResponse<String> answer, int status, String code) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = json(answer);
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(answer.body()).doesNotContain("Exception");
        return problem;
    }

    static List<AuditEvent> audited(Predicate<AuditEvent> filter) {
        return server.context().getBean(CapturedAuditEvents.class).matching(filter);
    }

    static Evidence evidence(String check) {
        List<Evidence> all = new ArrayList<>();
        server.context().getBeansOfType(EvidenceSource.class).values().forEach(s -> all.addAll(s.evidence()));
        return all.stream().filter(e -> e.check().equals(check)).findFirst().orElseThrow();
    }

    static Training training() {
        return server.context().getBean(Training.class);
    }

    /** Every open assignment of the account, attested through the API by the member. */
    static void completeAll(Workforce member, String accountId) {
        JsonNode mine = json(expect(member.get("/api/v1/workforce/training/mine"), 200));
        JsonNode courses = json(expect(member.get("/api/v1/workforce/courses"), 200));
        for (JsonNode a : mine.path("assignments")) {
            if (!a.path("completedAt").isNull() && !a.path("completedAt").isMissingNode()) {
                continue;
            }
            String course = a.path("courseId").asString();
            int version = 0;
            for (JsonNode c : courses) {
                if (c.path("id").asString().equals(course)) {
                    version = c.path("version").asInt();
                }
            }
            expect(
                    member.post(
                            "/api/v1/workforce/training/statements",
                            body(
                                    "accountId",
                                    accountId,
                                    "courseId",
                                    course,
                                    "courseVersion",
                                    version,
                                    "attestation",
                                    "I read this course and will follow it.")),
                    201);
        }
    }

    // --- training ---

    @Test
    void theFiveCoursesAreStoredWithContentAndACourseWithoutContentIsRefused() {
        JsonNode courses = json(expect(officer.get("/api/v1/workforce/courses"), 200));
        List<String> ids = new ArrayList<>();
        courses.forEach(c -> {
            ids.add(c.path("id").asString());
            assertThat(c.path("content").asString()).hasSizeGreaterThan(200);
        });
        assertThat(ids)
                .contains(
                        "phishing-mfa-theft",
                        "identity-verification",
                        "recording-privacy",
                        "incident-reporting",
                        "byod-rules");

        problem(
                officer.post(
                        "/api/v1/workforce/courses",
                        body("id", "empty-course", "title", "Empty", "content", "   ", "roles", List.of("CLINICIAN"))),
                400,
                "course-content-missing");
        problem(
                officer.post(
                        "/api/v1/workforce/courses",
                        body("id", "no-content", "title", "No content", "roles", List.of("CLINICIAN"))),
                400,
                "course-content-missing");
        assertThat(json(expect(officer.get("/api/v1/workforce/courses"), 200)).toString())
                .doesNotContain("empty-course", "no-content");
        assertThat(audited(e -> e.action().equals("workforce.course.store") && e.outcome() == Outcome.DENIED))
                .extracting(AuditEvent::resourceId)
                .contains("empty-course", "no-content");

        // A clinician cannot add a course.
        Workforce clinician =
                Workforce.on(server).signIn(Workforce.newAccount(server, Workforce.unique("wf.doc"), "CLINICIAN"));
        assertThat(clinician
                        .post(
                                "/api/v1/workforce/courses",
                                body("id", "x-course", "title", "X", "content", "text", "roles", List.of("STAFF")))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aNewMemberIsAssignedTheCoursesOfTheirRoleAtHire() {
        // A clinician's hire (a grant of a role that sees PHI) assigns through the event, without the job.
        Workforce.Account doc = Workforce.newAccount(server, Workforce.unique("wf.hire"), "CLINICIAN");
        Workforce docClient = Workforce.on(server).signIn(doc);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (courseIds(docClient).size() < 5 && System.nanoTime() < deadline) {
            Workforce.sleep(Duration.ofMillis(200));
        }
        List<String> clinicianCourses = courseIds(docClient);
        // An auditor (no PHI role, no grant event) is assigned by the periodic job.
        Workforce.Account auditor = Workforce.newAccount(server, Workforce.unique("wf.aud"), "AUDITOR");
        expect(officer.post("/api/v1/workforce/training/assignments/run", "{}"), 200);
        assertThat(clinicianCourses)
                .containsExactlyInAnyOrder(
                        "phishing-mfa-theft",
                        "identity-verification",
                        "recording-privacy",
                        "incident-reporting",
                        "byod-rules");
        assertThat(courseIds(Workforce.on(server).signIn(auditor)))
                .containsExactlyInAnyOrder("phishing-mfa-theft", "incident-reporting", "byod-rules");
        JsonNode mine = json(expect(Workforce.on(server).signIn(doc).get("/api/v1/workforce/training/mine"), 200));
        assertThat(mine.path("status").asString()).isEqualTo("CURRENT");
        mine.path("assignments").forEach(a -> {
            assertThat(a.path("cycle").asString()).isEqualTo("HIRE");
            assertThat(Duration.between(
                            Instant.parse(a.path("assignedAt").asString()),
                            Instant.parse(a.path("dueAt").asString())))
                    .isEqualTo(Duration.ofDays(30));
        });
    }

    static List<String> courseIds(Workforce member) {
        List<String> ids = new ArrayList<>();
        json(expect(member.get("/api/v1/workforce/training/mine"), 200))
                .path("assignments")
                .forEach(a -> ids.add(a.path("courseId").asString()));
        return ids;
    }

    @Test
    void anOverdueClinicianIsDeniedTheChartWithTrainingOverdueAfterTheGracePeriod() {
        Clinic clinic = Clinic.withVerifiedVisit(server);
        UUID doctor = UUID.fromString(clinic.doctor().id());
        expect(officer.post("/api/v1/workforce/training/assignments/run", "{}"), 200);
        completeAll(clinic.clinician(), clinic.doctor().id());
        expect(clinic.clinician().get(clinic.chartPath()), 200);

        // Due two days ago: overdue, but inside the 7-day grace period.
        Instant now = Instant.now();
        training().assign(doctor, "incident-reporting", Training.Cycle.MANUAL, now.minus(Duration.ofDays(32)));
        expect(clinic.clinician().get(clinic.chartPath()), 200);
        JsonNode mine = json(expect(clinic.clinician().get("/api/v1/workforce/training/mine"), 200));
        assertThat(mine.toString()).contains("OVERDUE_IN_GRACE");

        // Due ten days ago: past the grace period, PHI closes with training-overdue.
        training().assign(doctor, "byod-rules", Training.Cycle.MANUAL, now.minus(Duration.ofDays(40)));
        JsonNode denied = problem(clinic.clinician().get(clinic.chartPath()), 403, "training-overdue");
        assertThat(denied.path("detail").asString())
                .contains("/account/training")
                .doesNotContain(clinic.fullName());
        assertThat(audited(e -> e.action().equals("chart.read")
                        && e.outcome() == Outcome.DENIED
                        && doctor.toString().equals(e.actorId())))
                .extracting(AuditEvent::reason)
                .contains("training-overdue");
        assertThat(json(expect(clinic.clinician().get("/api/v1/workforce/training/mine"), 200))
                        .path("status")
                        .asString())
                .isEqualTo("OVERDUE");
        Evidence overdue = evidence("workforce.training-current");
        assertThat(overdue.status()).isEqualTo(EvidenceSource.Status.FAIL);
        assertThat(overdue.failing()).contains(doctor.toString());

        // The clinician attests the overdue courses: the chart opens again.
        completeAll(clinic.clinician(), clinic.doctor().id());
        expect(clinic.clinician().get(clinic.chartPath()), 200);
        assertThat(evidence("workforce.training-current").failing()).doesNotContain(doctor.toString());
    }

    @Test
    void completionsAreXapiStatementsAndAnAttestationForSomeoneElseIsRefusedAndAudited() {
        Workforce.Account me = Workforce.newAccount(server, Workforce.unique("wf.me"), "STAFF");
        Workforce.Account other = Workforce.newAccount(server, Workforce.unique("wf.other"), "STAFF");
        Workforce client = Workforce.on(server).signIn(me);
        int version = json(expect(client.get("/api/v1/workforce/courses"), 200))
                .findValues("version")
                .getFirst()
                .asInt();
        String courseId = json(expect(client.get("/api/v1/workforce/courses"), 200))
                .get(0)
                .path("id")
                .asString();

        problem(
                client.post(
                        "/api/v1/workforce/training/statements",
                        body(
                                "accountId",
                                other.id(),
                                "courseId",
                                courseId,
                                "courseVersion",
                                version,
                                "attestation",
                                "I read this course.")),
                403,
                "attestation-not-own");
        assertThat(audited(e -> e.action().equals("workforce.training.complete")
                        && e.outcome() == Outcome.DENIED
                        && other.id().equals(e.resourceId())))
                .extracting(AuditEvent::reason)
                .containsExactly("attestation-not-own");
        assertThat(json(expect(
                                Workforce.on(server).signIn(other).get("/api/v1/workforce/training/statements/mine"),
                                200))
                        .size())
                .isZero();

        // A stale version and a missing attestation are refused; nothing is stored.
        problem(
                client.post(
                        "/api/v1/workforce/training/statements",
                        body(
                                "accountId",
                                me.id(),
                                "courseId",
                                courseId,
                                "courseVersion",
                                version + 1,
                                "attestation",
                                "I read this course.")),
                409,
                "course-version-stale");
        assertThat(client.post(
                                "/api/v1/workforce/training/statements",
                                body("accountId", me.id(), "courseId", courseId, "courseVersion", version))
                        .statusCode())
                .isEqualTo(400);
        assertThat(json(expect(client.get("/api/v1/workforce/training/statements/mine"), 200))
                        .size())
                .isZero();

        JsonNode statement = json(expect(
                client.post(
                        "/api/v1/workforce/training/statements",
                        body(
                                "accountId",
                                me.id(),
                                "courseId",
                                courseId,
                                "courseVersion",
                                version,
                                "attestation",
                                "I read this course and will follow it.")),
                201));
        assertThat(statement.path("actor").path("account").path("name").asString())
                .isEqualTo(me.id());
        assertThat(statement.path("verb").path("id").asString()).isEqualTo("http://adlnet.gov/expapi/verbs/completed");
        assertThat(statement.path("object").path("id").asString())
                .isEqualTo("urn:securevisit:course:" + courseId + ":v" + version);
        assertThat(statement.path("result").path("completion").asBoolean()).isTrue();
        assertThat(statement.path("result").path("response").asString()).contains("I read this course");
        assertThat(Instant.parse(statement.path("timestamp").asString()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(json(expect(client.get("/api/v1/workforce/training/statements/mine"), 200))
                        .size())
                .isEqualTo(1);
        JsonNode completed = json(expect(client.get("/api/v1/workforce/training/mine"), 200));
        assertThat(completed.toString()).contains(statement.path("id").asString());
    }

    @Test
    void aMemberSeesOnlyTheirOwnTrainingAndOfficersSeeEveryone() {
        Workforce.Account me = Workforce.newAccount(server, Workforce.unique("wf.own"), "CLINICIAN");
        Workforce.Account other = Workforce.newAccount(server, Workforce.unique("wf.peer"), "CLINICIAN");
        Workforce client = Workforce.on(server).signIn(me);
        expect(client.get("/api/v1/workforce/training/accounts/" + me.id()), 200);
        problem(client.get("/api/v1/workforce/training/accounts/" + other.id()), 403, "workforce-not-yours");
        assertThat(audited(e -> e.action().equals("workforce.training.read")
                        && e.outcome() == Outcome.DENIED
                        && other.id().equals(e.resourceId())))
                .hasSize(1);
        assertThat(client.get("/api/v1/workforce/training").statusCode()).isEqualTo(403);
        assertThat(client.get("/api/v1/workforce/access-reviews").statusCode()).isEqualTo(403);
        assertThat(client.get("/api/v1/workforce/leavers").statusCode()).isEqualTo(403);
        assertThat(Workforce.on(server).get("/api/v1/workforce/training/mine").statusCode())
                .isEqualTo(401);

        expect(officer.get("/api/v1/workforce/training/accounts/" + other.id()), 200);
        expect(officer.get("/api/v1/workforce/training"), 200);
        assertThat(audited(e -> e.action().equals("workforce.training.read")
                        && e.outcome() == Outcome.SUCCESS
                        && other.id().equals(e.resourceId())
                        && officerAccount.id().equals(e.actorId())))
                .hasSize(1);
    }

    // --- policies ---

    @Test
    void policiesAreVersionedAcknowledgedAndKeptSixYearsAfterTheyAreSuperseded() {
        String key = "acceptable-use-" + UUID.randomUUID().toString().substring(0, 6);
        Workforce.Account member = Workforce.newAccount(server, Workforce.unique("wf.pol"), "STAFF");
        Workforce client = Workforce.on(server).signIn(member);
        problem(
                officer.post("/api/v1/workforce/policies", body("key", key, "title", "Acceptable use", "content", "")),
                400,
                "policy-content-missing");
        assertThat(client.post("/api/v1/workforce/policies", body("key", key, "title", "T", "content", "C"))
                        .statusCode())
                .isEqualTo(403);

        JsonNode v1 = json(expect(
                officer.post(
                        "/api/v1/workforce/policies",
                        body("key", key, "title", "Acceptable use", "content", "Use SecureVisit for care only.")),
                201));
        assertThat(v1.path("version").asInt()).isEqualTo(1);
        Evidence missing = evidence("workforce.policies-acknowledged");
        assertThat(missing.status()).isEqualTo(EvidenceSource.Status.FAIL);
        assertThat(missing.failing()).contains(member.id());

        JsonNode acknowledged = json(expect(
                client.post("/api/v1/workforce/policies/" + v1.path("id").asString() + "/acknowledgement", "{}"), 200));
        assertThat(acknowledged.path("acknowledgedAt").isNull()).isFalse();

        Instant before = Instant.now();
        JsonNode v2 = json(expect(
                officer.post(
                        "/api/v1/workforce/policies",
                        body("key", key, "title", "Acceptable use", "content", "Use SecureVisit for care only. v2")),
                201));
        assertThat(v2.path("version").asInt()).isEqualTo(2);
        problem(
                client.post("/api/v1/workforce/policies/" + v1.path("id").asString() + "/acknowledgement", "{}"),
                409,
                "policy-superseded");
        problem(
                client.post("/api/v1/workforce/policies/" + UUID.randomUUID() + "/acknowledgement", "{}"),
                404,
                "policy-not-found");

        Policies policies = server.context().getBean(Policies.class);
        Policies.Policy old =
                policies.find(UUID.fromString(v1.path("id").asString())).orElseThrow();
        assertThat(old.supersededAt()).isBetween(before, Instant.now());
        assertThat(old.retainUntil())
                .isEqualTo(
                        old.supersededAt().atOffset(ZoneOffset.UTC).plusYears(6).toInstant());
        // The member acknowledged v1 only: the current version is missing.
        assertThat(evidence("workforce.policies-acknowledged").failing()).contains(member.id());
        assertThat(json(expect(client.get("/api/v1/workforce/policies"), 200)).toString())
                .contains(v2.path("id").asString())
                .doesNotContain(v1.path("id").asString());

        // Retention: kept the day before six years are over, purged the day after (with its acknowledgement).
        assertThat(policies.purgeAt(old.retainUntil().minus(Duration.ofDays(1))))
                .isZero();
        assertThat(policies.find(old.id())).isPresent();
        assertThat(policies.purgeAt(old.retainUntil().plus(Duration.ofDays(1)))).isGreaterThanOrEqualTo(1);
        assertThat(policies.find(old.id())).isEmpty();
        assertThat(policies.acknowledgement(old.id(), UUID.fromString(member.id())))
                .isEmpty();
        assertThat(policies.find(UUID.fromString(v2.path("id").asString()))).isPresent();
    }

    // --- access reviews ---

    @Test
    void anAccessReviewConfirmsOrRemovesEveryAccountsRolesAndIsRecorded() {
        Workforce.Account keep = Workforce.newAccount(server, Workforce.unique("wf.keep"), "CLINICIAN");
        Workforce.Account both = Workforce.newAccount(server, Workforce.unique("wf.both"), "CLINICIAN", "STAFF");
        Workforce.Account gone = Workforce.newAccount(server, Workforce.unique("wf.gone"), "STAFF");
        Workforce goneClient = Workforce.on(server).signIn(gone);
        Workforce reviewer = Workforce.on(server).signIn(officerAccount);
        String review = json(expect(reviewer.post("/api/v1/workforce/access-reviews", "{}"), 201))
                .path("id")
                .asString();
        String decisions = "/api/v1/workforce/access-reviews/" + review + "/decisions";

        problem(
                reviewer.post(
                        decisions, body("accountId", officerAccount.id(), "keepRoles", List.of("SECURITY_OFFICER"))),
                403,
                "review-own-account");
        problem(
                reviewer.post(decisions, body("accountId", keep.id(), "keepRoles", List.of("CLINICIAN", "ADMIN"))),
                400,
                "review-cannot-grant");
        problem(
                reviewer.post(decisions, body("accountId", UUID.randomUUID(), "keepRoles", List.of())),
                404,
                "review-account-not-listed");
        assertThat(json(expect(
                                reviewer.post(
                                        decisions, body("accountId", keep.id(), "keepRoles", List.of("CLINICIAN"))),
                                200))
                        .path("decision")
                        .asString())
                .isEqualTo("CONFIRMED");
        assertThat(json(expect(
                                reviewer.post(
                                        decisions, body("accountId", both.id(), "keepRoles", List.of("CLINICIAN"))),
                                200))
                        .path("decision")
                        .asString())
                .isEqualTo("CHANGED");
        assertThat(json(expect(reviewer.post(decisions, body("accountId", gone.id(), "keepRoles", List.of())), 200))
                        .path("decision")
                        .asString())
                .isEqualTo("DISABLED");
        assertThat(goneClient.get("/api/v1/workforce/training/mine").statusCode())
                .isEqualTo(401);
        WorkforceDirectory directory = server.context().getBean(WorkforceDirectory.class);
        WorkforceDirectory.Member changed = directory.members().stream()
                .filter(m -> m.id().toString().equals(both.id()))
                .findFirst()
                .orElseThrow();
        assertThat(changed.roles()).containsExactly(health.securevisit.identity.Role.CLINICIAN);

        // Not every account is decided yet: the review cannot be completed.
        JsonNode incomplete = problem(
                reviewer.post("/api/v1/workforce/access-reviews/" + review + "/completion", "{}"),
                409,
                "review-incomplete");
        assertThat(incomplete.path("undecidedAccounts").toString()).doesNotContain(keep.id(), gone.id());

        for (WorkforceDirectory.Member m : directory.members()) {
            if (m.enabled() && !m.id().toString().equals(officerAccount.id())) {
                List<String> roles = m.roles().stream().map(Enum::name).toList();
                HttpResponse<String> decided =
                        reviewer.post(decisions, body("accountId", m.id().toString(), "keepRoles", roles));
                assertThat(decided.statusCode()).as(decided.body()).isIn(200, 404);
            }
        }
        JsonNode completed =
                json(expect(reviewer.post("/api/v1/workforce/access-reviews/" + review + "/completion", "{}"), 200));
        assertThat(completed.path("completedAt").isNull()).isFalse();
        problem(
                reviewer.post(decisions, body("accountId", keep.id(), "keepRoles", List.of("CLINICIAN"))),
                409,
                "review-closed");
        assertThat(evidence("workforce.access-review-current").status()).isEqualTo(EvidenceSource.Status.PASS);
        assertThat(audited(e -> e.action().equals("workforce.review.decide") && e.outcome() == Outcome.SUCCESS))
                .extracting(AuditEvent::reason)
                .contains("CONFIRMED", "CHANGED", "DISABLED");
        assertThat(audited(e -> e.action().equals("workforce.review.decide") && e.outcome() == Outcome.DENIED))
                .extracting(AuditEvent::reason)
                .contains("review-own-account", "review-cannot-grant", "review-closed");
    }

    // --- leavers ---

    @Test
    void aLeaverIsDeprovisionedWithinTheHourOrTheBreachIsEvidence() {
        Workforce.Account late = Workforce.newAccount(server, Workforce.unique("wf.late"), "CLINICIAN");
        Workforce.Account prompt = Workforce.newAccount(server, Workforce.unique("wf.prompt"), "STAFF");
        Workforce lateClient = Workforce.on(server).signIn(late);
        Workforce promptClient = Workforce.on(server).signIn(prompt);

        problem(
                officer.post(
                        "/api/v1/workforce/leavers",
                        body("accountId", UUID.randomUUID().toString())),
                404,
                "account-not-found");
        problem(
                officer.post(
                        "/api/v1/workforce/leavers",
                        body(
                                "accountId",
                                prompt.id(),
                                "leftAt",
                                Instant.now().plusSeconds(3600).toString())),
                400,
                "leaver-date-invalid");
        assertThat(lateClient
                        .post("/api/v1/workforce/leavers", body("accountId", prompt.id()))
                        .statusCode())
                .isEqualTo(403);

        JsonNode overdue = json(expect(
                officer.post(
                        "/api/v1/workforce/leavers",
                        body(
                                "accountId",
                                late.id(),
                                "leftAt",
                                Instant.now().minus(Duration.ofHours(2)).toString())),
                201));
        assertThat(overdue.path("state").asString()).isEqualTo("OVERDUE");
        problem(officer.post("/api/v1/workforce/leavers", body("accountId", late.id())), 409, "leaver-recorded");
        Evidence breach = evidence("workforce.leavers-deprovisioned");
        assertThat(breach.status()).isEqualTo(EvidenceSource.Status.FAIL);
        assertThat(breach.failing()).contains(late.id());

        JsonNode pending = json(expect(officer.post("/api/v1/workforce/leavers", body("accountId", prompt.id())), 201));
        assertThat(pending.path("state").asString()).isEqualTo("PENDING");
        expect(promptClient.get("/api/v1/workforce/training/mine"), 200);
        JsonNode done =
                json(expect(officer.post("/api/v1/workforce/leavers/" + prompt.id() + "/deprovisioning", "{}"), 200));
        assertThat(done.path("state").asString()).isEqualTo("DONE");
        // The account is disabled and its session ended.
        assertThat(promptClient.get("/api/v1/workforce/training/mine").statusCode())
                .isEqualTo(401);
        assertThat(Workforce.on(server)
                        .post("/api/v1/auth/login", body("username", prompt.username(), "password", prompt.password()))
                        .statusCode())
                .isNotEqualTo(200);

        JsonNode lateDone =
                json(expect(officer.post("/api/v1/workforce/leavers/" + late.id() + "/deprovisioning", "{}"), 200));
        assertThat(lateDone.path("state").asString()).isEqualTo("LATE");
        assertThat(lateClient.get("/api/v1/workforce/training/mine").statusCode())
                .isEqualTo(401);
        Evidence after = evidence("workforce.leavers-deprovisioned");
        assertThat(after.failing()).contains(late.id()).doesNotContain(prompt.id());
        assertThat(audited(e -> e.action().equals("identity.user.disable")
                        && prompt.id().equals(e.resourceId())))
                .hasSize(1);
        assertThat(audited(e -> e.action().equals("workforce.leaver.deprovision")))
                .extracting(AuditEvent::reason)
                .contains("DONE", "LATE");
    }

    // --- pages ---

    @Test
    void myTrainingPageShowsOnlyMyOwnRecordsAndTheConsoleIsForOfficers() {
        Workforce.Account me = Workforce.newAccount(server, Workforce.unique("wf.page"), "CLINICIAN");
        expect(officer.post("/api/v1/workforce/training/assignments/run", "{}"), 200);
        Workforce client = Workforce.on(server).signIn(me);
        HttpResponse<String> page = client.get("/account/training");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body())
                .contains("<link rel=\"stylesheet\" href=\"/css/securevisit.css\">")
                .contains("<nav class=\"bar\">")
                .contains("My training and policies", "Verifying the patient", "form class=\"attest\"")
                .contains("data-account=\"" + me.id() + "\"")
                .contains("<script src=\"/js/workforce.js\" defer></script>")
                .doesNotContain("<script>", "style=", "onclick", officerAccount.id());
        assertThat(client.get("/js/workforce.js").statusCode()).isEqualTo(200);
        assertThat(Workforce.on(server).get("/account/training").statusCode()).isEqualTo(302);

        HttpResponse<String> redirected = client.get("/console/workforce");
        assertThat(redirected.statusCode()).isEqualTo(302);
        assertThat(redirected.headers().firstValue("Location").orElseThrow()).endsWith("/account/training");

        HttpResponse<String> console = officer.get("/console/workforce");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body())
                .contains("<link rel=\"stylesheet\" href=\"/css/securevisit.css\">")
                .contains("SecureVisit console", "Workforce program", "id=\"overdue-count\"", "id=\"policy-publish\"")
                .contains(me.id())
                .doesNotContain("<script>", "style=", "onclick");
        assertThat(audited(e -> e.action().equals("workforce.console.read"))).isNotEmpty();
    }

    @Test
    void eachWorkforceCheckIsAnsweredByAnEvidenceSource() {
        List<String> checks = new ArrayList<>();
        server.context()
                .getBeansOfType(EvidenceSource.class)
                .values()
                .forEach(s -> s.evidence().forEach(e -> checks.add(e.check())));
        assertThat(checks)
                .contains(
                        "workforce.training-current",
                        "workforce.policies-acknowledged",
                        "workforce.access-review-current",
                        "workforce.leavers-deprovisioned",
                        "network.segmentation");
        JdbcClient jdbc = JdbcClient.create(server.context().getBean(javax.sql.DataSource.class));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM workforce_course")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(5);
    }
}
