package health.securevisit.workforce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.access.TrainingStatus;
import health.securevisit.audit.AuditEvent;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforceDirectory;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.support.InMemoryH2;
import health.securevisit.support.MovableClock;
import health.securevisit.support.PostgresDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Training cycles, the grace period and policy retention on a clock the test moves, against H2 and
 * a throw-away PostgreSQL database migrated by the same migrations.
 */
class WorkforceUnitTests {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final List<PostgresDatabase> DATABASES = new ArrayList<>();

    final MovableClock clock = new MovableClock(T0);
    final List<AuditEvent> audited = new ArrayList<>();
    final List<WorkforceDirectory.Member> members = new ArrayList<>();

    @AfterAll
    static void drop() {
        DATABASES.forEach(PostgresDatabase::drop);
    }

    static DataSource database(String vendor) {
        if (vendor.equals("h2")) {
            return InMemoryH2.migrated("workforce");
        }
        PostgresDatabase db = PostgresDatabase.create();
        DATABASES.add(db);
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(db.url());
        pg.setUser(db.user());
        Flyway.configure()
                .dataSource(pg)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return pg;
    }

    record Fixture(Courses courses, Training training, Policies policies, WorkforceSettings settings) {}

    Fixture fixture(String vendor) {
        JdbcClient jdbc = JdbcClient.create(database(vendor));
        WorkforceSettings settings = new WorkforceSettings(
                Duration.ofDays(30),
                Duration.ofDays(7),
                Duration.ofDays(365),
                Duration.ofDays(90),
                Duration.ofHours(1),
                Duration.ofHours(1));
        WorkforceAudit audit = new WorkforceAudit(event -> {
            audited.add(event);
            return null;
        });
        WorkforceDirectory directory = new WorkforceDirectory() {
            @Override
            public boolean isActiveClinician(UUID id) {
                return false;
            }

            @Override
            public boolean isActive(UUID id) {
                return true;
            }

            @Override
            public List<Clinician> activeClinicians() {
                return List.of();
            }

            @Override
            public List<Member> members() {
                return List.copyOf(members);
            }
        };
        Courses courses = new Courses(jdbc, clock);
        courses.run(new DefaultApplicationArguments());
        return new Fixture(
                courses,
                new Training(jdbc, courses, directory, settings, audit, clock),
                new Policies(jdbc, directory, audit, clock),
                settings);
    }

    WorkforceDirectory.Member member(Role... roles) {
        WorkforceDirectory.Member m =
                new WorkforceDirectory.Member(UUID.randomUUID(), "m" + members.size(), Set.of(roles), true, T0);
        members.add(m);
        return m;
    }

    static WorkforcePrincipal principal(UUID id, Role role) {
        return new WorkforcePrincipal(id, "p", Set.of(role), T0, "totp", T0, "ref");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anOverdueMemberIsCurrentDuringTheGracePeriodAndOverdueAfterIt(String vendor) {
        Fixture f = fixture(vendor);
        WorkforceDirectory.Member doc = member(Role.CLINICIAN);
        assertThat(f.training().assignDue(clock.instant())).isEqualTo(5);
        assertThat(f.training().assignDue(clock.instant())).as("idempotent").isZero();
        assertThat(f.training().statusOf(doc.id())).isEqualTo(TrainingStatus.CURRENT);

        clock.advance(Duration.ofDays(30).plusSeconds(1));
        assertThat(f.training().overdue(clock.instant())).containsExactly(doc.id());
        assertThat(f.training().statusOf(doc.id())).as("in grace").isEqualTo(TrainingStatus.CURRENT);
        assertThat(f.training().assignments(doc.id())).allMatch(a -> a.state().equals("OVERDUE_IN_GRACE"));

        clock.advance(Duration.ofDays(7));
        assertThat(f.training().statusOf(doc.id())).isEqualTo(TrainingStatus.OVERDUE);
        assertThat(f.training().statusOf(UUID.randomUUID())).isEqualTo(TrainingStatus.CURRENT);

        WorkforcePrincipal me = principal(doc.id(), Role.CLINICIAN);
        for (Courses.Course c : f.courses().all()) {
            f.training().complete(me, doc.id(), c.id(), c.version(), "I read it.");
        }
        assertThat(f.training().statusOf(doc.id())).isEqualTo(TrainingStatus.CURRENT);
        assertThat(f.training().overdue(clock.instant())).isEmpty();
        assertThat(f.training().statements(doc.id()))
                .hasSize(5)
                .allMatch(s -> s.verb().equals(Training.COMPLETED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aCompletedCourseIsAssignedAgainAYearLater(String vendor) {
        Fixture f = fixture(vendor);
        WorkforceDirectory.Member auditor = member(Role.AUDITOR);
        f.training().assignDue(clock.instant());
        WorkforcePrincipal me = principal(auditor.id(), Role.AUDITOR);
        Courses.Course phishing = f.courses().find("phishing-mfa-theft").orElseThrow();
        f.training().complete(me, auditor.id(), phishing.id(), phishing.version(), "I read it.");

        clock.advance(Duration.ofDays(364));
        assertThat(f.training().assignDue(clock.instant())).isZero();
        clock.advance(Duration.ofDays(1));
        assertThat(f.training().assignDue(clock.instant())).isEqualTo(1);
        assertThat(f.training().assignments(auditor.id()))
                .filteredOn(a -> a.courseId().equals(phishing.id()) && a.cycle() == Training.Cycle.YEARLY)
                .hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void refusedCompletionsAndCoursesStoreNothing(String vendor) {
        Fixture f = fixture(vendor);
        WorkforceDirectory.Member a = member(Role.STAFF);
        WorkforceDirectory.Member b = member(Role.STAFF);
        Courses.Course course = f.courses().all().getFirst();
        assertThatThrownBy(() -> f.training()
                        .complete(principal(a.id(), Role.STAFF), b.id(), course.id(), course.version(), "x"))
                .isInstanceOfSatisfying(
                        WorkforceFailure.class, e -> assertThat(e.code()).isEqualTo("attestation-not-own"));
        assertThat(audited).extracting(AuditEvent::reason).contains("attestation-not-own");
        assertThat(f.training().statements(a.id())).isEmpty();
        assertThat(f.training().statements(b.id())).isEmpty();

        assertThatThrownBy(
                        () -> f.courses().store(new Courses.Definition("empty", 1, "Empty", " ", List.of(Role.STAFF))))
                .isInstanceOfSatisfying(
                        WorkforceFailure.class, e -> assertThat(e.code()).isEqualTo("course-content-missing"));
        assertThatThrownBy(() -> f.courses().store(new Courses.Definition("noroles", 1, "T", "text", List.of())))
                .isInstanceOf(WorkforceFailure.class);
        assertThat(f.courses().find("empty")).isEmpty();
        assertThat(f.courses().find("noroles")).isEmpty();
        assertThat(f.courses().all()).hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aSupersededPolicyIsKeptSixYearsOnThePlatformClockThenPurged(String vendor) {
        Fixture f = fixture(vendor);
        WorkforceDirectory.Member officer = member(Role.SECURITY_OFFICER);
        WorkforceDirectory.Member staff = member(Role.STAFF);
        WorkforcePrincipal by = principal(officer.id(), Role.SECURITY_OFFICER);
        Policies.Policy v1 = f.policies().publish(by, "sanctions", "Sanctions", "Version one.");
        f.policies().acknowledge(principal(staff.id(), Role.STAFF), v1.id());
        assertThat(f.policies().unacknowledged()).containsExactly(officer.id());

        clock.advance(Duration.ofDays(40));
        Instant superseded = clock.instant();
        Policies.Policy v2 = f.policies().publish(by, "sanctions", "Sanctions", "Version two.");
        assertThat(v2.version()).isEqualTo(2);
        Policies.Policy old = f.policies().find(v1.id()).orElseThrow();
        assertThat(old.supersededAt()).isEqualTo(superseded);
        assertThat(old.retainUntil()).isEqualTo(Instant.parse("2032-04-11T09:00:00Z"));
        assertThat(f.policies().unacknowledged()).contains(staff.id());

        clock.advance(Duration.between(clock.instant(), old.retainUntil()).minusSeconds(1));
        assertThat(f.policies().purgeAt(clock.instant())).isZero();
        assertThat(f.policies().acknowledgement(v1.id(), staff.id())).isPresent();
        clock.advance(Duration.ofSeconds(2));
        assertThat(f.policies().purgeAt(clock.instant())).isEqualTo(1);
        assertThat(f.policies().find(v1.id())).isEmpty();
        assertThat(f.policies().acknowledgement(v1.id(), staff.id())).isEmpty();
        assertThat(f.policies().find(v2.id())).isPresent();
        assertThat(audited).extracting(AuditEvent::action).contains("workforce.policy.purge");
    }
}
