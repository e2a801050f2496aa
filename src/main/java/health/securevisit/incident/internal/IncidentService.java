package health.securevisit.incident.internal;

import health.securevisit.access.AccessPolicy;
import health.securevisit.access.AccessRequest;
import health.securevisit.access.IncidentId;
import health.securevisit.access.Investigation;
import health.securevisit.access.PatientId;
import health.securevisit.audit.AuditFeed;
import health.securevisit.audit.Outcome;
import health.securevisit.detection.ResponseAudit;
import health.securevisit.detection.SecurityAlert;
import health.securevisit.detection.SecurityAlerts;
import health.securevisit.device.DeviceRevocation;
import health.securevisit.identity.AccountContainment;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.incident.IncidentFailure;
import health.securevisit.keys.KeyRotation;
import health.securevisit.patient.PatientRecord;
import health.securevisit.patient.Patients;
import health.securevisit.platform.FreeText;
import health.securevisit.platform.PlatformSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Incident work: open (from an alert or by hand), timeline, tasks, subjects, involved patients
 * computed from the audit trail, breach assessment and clocks, containment, the communication plan.
 * Every change is audited (action {@code incident.*}) before it is answered.
 */
@Service
public class IncidentService {

    static final Set<String> SEVERITIES = Set.of("CRITICAL", "HIGH", "MEDIUM", "LOW");
    static final Set<String> SUBJECT_KINDS = Set.of("ACCOUNT", "DEVICE");
    static final Set<String> STATES = Set.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
            "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
            "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI",
            "AS", "MP");
    private static final Pattern STATE_ZIP = Pattern.compile("\\b([A-Z]{2})\\s+\\d{5}(?:-\\d{4})?\\s*$");
    private static final int MAX_PATIENTS = 100_000;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String OPEN = "OPEN";
    static final String CLOSED = "CLOSED";
    static final String PATIENT = "PATIENT";

    /** Containment actions the incident page offers. */
    public enum Containment {
        DISABLE_ACCOUNT,
        END_SESSIONS,
        ROTATE_KEYS,
        REVOKE_DEVICE
    }

    /**
     * A full incident as the page and the API show it: the involved accounts and devices by id, the
     * involved patients as counts per state only (the per-patient list is {@link #patientList}).
     */
    public record View(
            IncidentStore.Incident incident,
            List<IncidentStore.Event> timeline,
            List<IncidentStore.Task> tasks,
            List<IncidentStore.Subject> subjects,
            Involved patients,
            List<Step> communication,
            @Nullable Assessment assessment) {}

    /** A communication step with its status (ACKNOWLEDGED, DUE, OVERDUE, ESCALATED). */
    public record Step(IncidentStore.CommStep step, String status) {}

    /**
     * A stored assessment, its verdict and its clocks (federal and the organisation's state rules) with
     * their urgency today, in date order; {@code earliest} is the first of them (null when none runs).
     */
    public record Assessment(
            Assessed input,
            String verdict,
            List<Clock> clocks,
            @Nullable Clock earliest) {}

    public record Clock(
            String audience, String reference, @Nullable String state, LocalDate due, int pausedDays, String urgency) {}

    /** The facts an officer enters for the breach assessment (validated by {@link BreachRules}). */
    public record Assessed(
            LocalDate discovered,
            @Nullable LocalDate breachDate,
            int affected,
            @Nullable Map<String, Integer> affectedByState,
            boolean exception,
            boolean encrypted,
            boolean keyCompromised,
            BreachRules.FourFactors assessment,
            boolean businessAssociate,
            @Nullable Integer baaNoticeDays,
            List<BreachRules.Delay> delays) {}

    /** The outcome of computing involved patients: how many, per state (no one named). */
    public record Involved(int patients, Map<String, Integer> byState, int withoutState) {

        static Involved of(List<@Nullable String> states) {
            Map<String, Integer> byState = new TreeMap<>();
            int without = 0;
            for (String state : states) {
                if (state == null) {
                    without++;
                } else {
                    byState.merge(state, 1, Integer::sum);
                }
            }
            return new Involved(states.size(), byState, without);
        }
    }

    /** One involved patient and their state of residence, for the notices (decided per patient). */
    public record InvolvedPatient(
            String patientId, @Nullable String state) {}

    private final IncidentStore store;
    private final SecurityAlerts alerts;
    private final AuditFeed feed;
    private final AccessPolicy access;
    private final Patients patients;
    private final AccountContainment accounts;
    private final KeyRotation rotation;
    private final DeviceRevocation devices;
    private final CurrentWorkforceUser currentUser;
    private final ResponseAudit audit;
    private final Path dataDir;
    private final java.time.Clock clock;

    IncidentService(
            IncidentStore store,
            SecurityAlerts alerts,
            AuditFeed feed,
            AccessPolicy access,
            Patients patients,
            AccountContainment accounts,
            KeyRotation rotation,
            DeviceRevocation devices,
            CurrentWorkforceUser currentUser,
            ResponseAudit audit,
            PlatformSettings platform,
            java.time.Clock clock) {
        this.store = store;
        this.alerts = alerts;
        this.feed = feed;
        this.access = access;
        this.patients = patients;
        this.accounts = accounts;
        this.rotation = rotation;
        this.devices = devices;
        this.currentUser = currentUser;
        this.audit = audit;
        this.dataDir = platform.dataDir();
        this.clock = clock;
    }

    @Transactional
    public UUID open(String title, String severity, @Nullable UUID alertId, String zone) {
        String name = text(title, 200, "title");
        if (!SEVERITIES.contains(severity)) {
            throw IncidentFailure.invalid("severity-invalid", "Severity is CRITICAL, HIGH, MEDIUM or LOW.");
        }
        ZoneId zoneId = zone(zone);
        SecurityAlert alert = null;
        if (alertId != null) {
            alert = alerts.find(alertId).orElseThrow(() -> IncidentFailure.notFound("alert"));
        }
        WorkforcePrincipal by = me();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        store.insert(new IncidentStore.Incident(
                id, name, severity, "OPEN", alertId, zoneId.getId(), now, by.id(), null, null, null));
        store.event(
                id,
                now,
                zoneId.getId(),
                "opened",
                alert == null ? "opened by hand" : "opened from alert " + alert.kind(),
                by.id());
        if (alert != null && alert.actorId() != null) {
            store.subject(id, "ACCOUNT", alert.actorId().toString(), null);
        }
        List<PlanFiles.Step> plan = PlanFiles.plan(dataDir).severities().getOrDefault(severity, List.of());
        for (int i = 0; i < plan.size(); i++) {
            store.step(id, i + 1, plan.get(i).audience(), now.plus(plan.get(i).within()));
        }
        audit.record("incident.open", Outcome.SUCCESS, severity, "incident", id.toString());
        return id;
    }

    public View view(UUID id) {
        IncidentStore.Incident i = find(id);
        audit.record("incident.read", Outcome.SUCCESS, "security-review", "incident", id.toString());
        return assemble(i);
    }

    public List<IncidentStore.Incident> recent() {
        audit.record("incident.list", Outcome.SUCCESS, "security-review", "incident", null);
        return store.recent(100);
    }

    View assemble(IncidentStore.Incident i) {
        Instant now = clock.instant();
        List<Step> steps = store.steps(i.id()).stream()
                .map(s -> new Step(
                        s,
                        s.acknowledgedAt() != null
                                ? "ACKNOWLEDGED"
                                : s.escalatedAt() != null
                                        ? "ESCALATED"
                                        : s.dueAt().isBefore(now) ? "OVERDUE" : "DUE"))
                .toList();
        return new View(
                i,
                store.events(i.id()),
                store.tasks(i.id()),
                store.subjects(i.id()).stream()
                        .filter(s -> !PATIENT.equals(s.kind()))
                        .toList(),
                Involved.of(store.subjects(i.id()).stream()
                        .filter(s -> PATIENT.equals(s.kind()))
                        .map(IncidentStore.Subject::state)
                        .toList()),
                steps,
                i.assessment() == null ? null : clocks(JSON.readValue(i.assessment(), Assessed.class), i.zone()));
    }

    @Transactional
    public void event(UUID id, Instant at, String zone, String kind, @Nullable String note) {
        IncidentStore.Incident i = find(id);
        if (at.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
            throw IncidentFailure.invalid("dates-out-of-order", "A timeline event cannot be in the future.");
        }
        if (!kind.matches("[a-z][a-z-]{1,31}")) {
            throw IncidentFailure.invalid("kind-invalid", "An event kind is 2-32 lower-case letters and hyphens.");
        }
        store.event(i.id(), at, zone(zone).getId(), kind, note == null ? null : text(note, 500, "note"), me().id());
        audit.record("incident.event", Outcome.SUCCESS, kind, "incident", id.toString());
    }

    @Transactional
    public UUID task(UUID id, String title, @Nullable Instant due) {
        IncidentStore.Incident i = find(id);
        if (due != null && due.isBefore(i.openedAt())) {
            throw IncidentFailure.invalid("dates-out-of-order", "A task cannot be due before the incident opened.");
        }
        UUID task = store.task(i.id(), text(title, 200, "title"), due, clock.instant());
        audit.record("incident.task.add", Outcome.SUCCESS, null, "incident", id.toString());
        return task;
    }

    @Transactional
    public void taskDone(UUID id, UUID task) {
        find(id);
        if (!store.taskDone(id, task, clock.instant())) {
            throw IncidentFailure.conflict("task-not-open", "No open task with that id in this incident.");
        }
        audit.record("incident.task.done", Outcome.SUCCESS, null, "incident", id.toString());
    }

    @Transactional
    public void subject(UUID id, String kind, String subjectId) {
        find(id);
        if (!SUBJECT_KINDS.contains(kind) || !subjectId.matches("[A-Za-z0-9._:-]{1,128}")) {
            throw IncidentFailure.invalid("subject-invalid", "A subject is an ACCOUNT or DEVICE with an id.");
        }
        store.subject(id, kind, subjectId, null);
        audit.record("incident.subject.add", Outcome.SUCCESS, kind, "incident", id.toString());
    }

    /**
     * Computes the patients whose data {@code accountId}, an involved account of the incident, touched
     * successfully between {@code from} and {@code to} according to the audit trail, records them as the
     * incident's patients, and reads each one's state of residence through the patient module, each read
     * decided by the access decision point for this incident (rule {@code incident-investigation},
     * audited with purpose compliance and the incident's id). Answers counts per state only. A denial
     * (incident closed, not an officer) fails the whole computation: nothing is stored.
     */
    @Transactional
    public Involved computePatients(UUID id, UUID accountId, Instant from, Instant to) {
        IncidentStore.Incident incident = find(id);
        if (!from.isBefore(to) || to.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
            throw IncidentFailure.invalid(
                    "dates-out-of-order", "The window must start before it ends and cannot end in the future.");
        }
        if (!store.hasSubject(id, "ACCOUNT", accountId.toString())) {
            audit.record(
                    "incident.patients.compute", Outcome.DENIED, "account-not-involved", "incident", id.toString());
            throw IncidentFailure.conflict(
                    "account-not-involved",
                    "Record the account as involved in the incident before computing its patients.");
        }
        List<String> touched = feed.patientsTouchedBy(accountId.toString(), from, to, MAX_PATIENTS);
        List<UUID> ids = new java.util.ArrayList<>();
        for (String patientId : touched) {
            UUID patient = uuid(patientId);
            if (patient != null) {
                store.subject(id, PATIENT, patientId, null); // the set the decision point checks
                ids.add(patient);
            }
        }
        Investigation purpose = new Investigation(IncidentId.of(id), Investigation.Disclosure.COUNTS);
        List<@Nullable String> states = new java.util.ArrayList<>();
        for (UUID patient : ids) {
            access.authorize(AccessRequest.forIncident("incident.patient.residence", purpose, PatientId.of(patient)));
            String state = patients.find(patient).map(IncidentService::stateOf).orElse(null);
            store.subject(id, PATIENT, patient.toString(), state);
            states.add(state);
        }
        for (int n = ids.size(); n < touched.size(); n++) {
            states.add(null); // a trail entry whose patient id is not a patient record's id
        }
        store.event(
                id,
                clock.instant(),
                incident.zone(),
                "patients-computed",
                touched.size() + " patients touched by account " + accountId + " from " + from + " to " + to,
                me().id());
        audit.record(
                "incident.patients.compute",
                Outcome.SUCCESS,
                Integer.toString(touched.size()),
                "incident",
                id.toString());
        return Involved.of(states);
    }

    /**
     * Each involved patient with their state of residence, for the notices: every patient decided by the
     * access decision point (disclosure per patient: only while the incident is open and its assessment
     * requires notices); the first denial refuses the whole list.
     */
    @Transactional(readOnly = true)
    public List<InvolvedPatient> patientList(UUID id) {
        find(id);
        Investigation purpose = new Investigation(IncidentId.of(id), Investigation.Disclosure.PER_PATIENT);
        List<InvolvedPatient> out = new java.util.ArrayList<>();
        for (IncidentStore.Subject s : store.subjects(id)) {
            UUID patient = PATIENT.equals(s.kind()) ? uuid(s.subjectId()) : null;
            if (patient != null) {
                access.authorize(AccessRequest.forIncident("incident.patient.list", purpose, PatientId.of(patient)));
                out.add(new InvolvedPatient(s.subjectId(), s.state()));
            }
        }
        return out;
    }

    /** Closes an open incident: from then on it opens no patient's data. */
    @Transactional
    public void close(UUID id, String note) {
        IncidentStore.Incident i = find(id);
        String clean = text(note, 500, "note");
        if (!OPEN.equals(i.status())) {
            throw IncidentFailure.conflict("incident-closed", "The incident is already closed.");
        }
        store.status(id, CLOSED, clock.instant());
        store.event(id, clock.instant(), i.zone(), "closed", clean, me().id());
        audit.record("incident.close", Outcome.SUCCESS, null, "incident", id.toString());
    }

    /** The two-letter state of a US address ending "XX 12345", or null. */
    static @Nullable String stateOf(PatientRecord record) {
        if (record.address() == null) {
            return null;
        }
        Matcher m = STATE_ZIP.matcher(record.address().strip());
        return m.find() && STATES.contains(m.group(1)) ? m.group(1) : null;
    }

    @Transactional
    public Assessment assess(UUID id, Assessed input) {
        IncidentStore.Incident i = find(id);
        if (input.breachDate() != null && input.breachDate().isAfter(input.discovered())) {
            throw IncidentFailure.invalid("dates-out-of-order", "The breach cannot happen after its discovery.");
        }
        if (input.discovered()
                .isAfter(LocalDate.ofInstant(clock.instant(), ZoneId.of(i.zone()))
                        .plusDays(1))) {
            throw IncidentFailure.invalid("dates-out-of-order", "The discovery date cannot be in the future.");
        }
        for (BreachRules.Delay d : input.delays()) {
            text(d.statement(), 500, "statement");
        }
        Assessment result = clocks(input, i.zone());
        store.assessed(id, input.discovered(), result.verdict(), JSON.writeValueAsString(input), clock.instant());
        store.event(id, clock.instant(), i.zone(), "assessed", "verdict " + result.verdict(), me().id());
        audit.record("incident.assess", Outcome.SUCCESS, result.verdict(), "incident", id.toString());
        return result;
    }

    Assessment clocks(Assessed a, String zone) {
        Map<String, Integer> byState = a.affectedByState() == null ? Map.of() : a.affectedByState();
        BreachRules.Outcome o = BreachRules.decide(new BreachRules.Facts(
                a.discovered(),
                a.affected(),
                byState,
                a.exception(),
                new BreachRules.Security(a.encrypted(), a.keyCompromised()),
                a.assessment(),
                new BreachRules.Role(a.businessAssociate(), a.baaNoticeDays()),
                a.delays(),
                PlanFiles.stateRules(dataDir)));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(zone));
        List<Clock> clocks = o.deadlines().stream()
                .map(d -> new Clock(
                        d.audience().name(),
                        d.reference(),
                        d.state(),
                        d.due(),
                        d.pausedDays(),
                        BreachRules.urgency(d.due(), today, false).name()))
                .toList();
        return new Assessment(a, o.verdict().name(), clocks, clocks.isEmpty() ? null : clocks.getFirst());
    }

    /** Carries out a containment action and records it on the timeline. */
    @Transactional
    public String contain(UUID id, Containment action, @Nullable String target) {
        IncidentStore.Incident i = find(id);
        WorkforcePrincipal by = me();
        String note = switch (action) {
            case DISABLE_ACCOUNT, END_SESSIONS -> {
                UUID account = target == null ? null : uuid(target);
                if (account == null) {
                    throw IncidentFailure.invalid("target-invalid", "Name the account id to contain.");
                }
                accounts.disable(by, account);
                store.subject(id, "ACCOUNT", account.toString(), null);
                yield action == Containment.DISABLE_ACCOUNT
                        ? "account disabled; its sessions end at their next request"
                        : "account disabled to end its sessions at their next request";
            }
            case ROTATE_KEYS ->
                "key-encryption key rotation " + rotation.start().id() + " started";
            case REVOKE_DEVICE -> {
                UUID device = target == null ? null : uuid(target);
                if (device == null) {
                    throw IncidentFailure.invalid("target-invalid", "Name the device id to revoke.");
                }
                DeviceRevocation.Revoked revoked = devices.revoke(device);
                store.subject(id, "DEVICE", device.toString(), null);
                yield "device revoked: its sessions end at their next request; wipe " + revoked.wipe() + " "
                        + revoked.wipeStatus();
            }
        };
        store.event(id, clock.instant(), i.zone(), "containment", note, by.id());
        audit.record("incident.contain", Outcome.SUCCESS, action.name(), "incident", id.toString());
        return note;
    }

    @Transactional
    public void acknowledge(UUID id, UUID step) {
        IncidentStore.Incident i = find(id);
        if (!store.acknowledge(id, step, me().id(), clock.instant())) {
            throw IncidentFailure.conflict("step-not-open", "No unacknowledged step with that id in this incident.");
        }
        store.event(id, clock.instant(), i.zone(), "acknowledged", "communication step acknowledged", me().id());
        audit.record("incident.comm.acknowledge", Outcome.SUCCESS, null, "incident", id.toString());
    }

    /** Escalates overdue, unacknowledged steps once each (timeline event and audit record). */
    @Scheduled(fixedDelayString = "${securevisit.incident.escalation-check:60s}")
    @Transactional
    public int escalateOverdue() {
        int n = 0;
        for (String[] row : store.overdue(clock.instant())) {
            UUID incident = UUID.fromString(row[0]);
            if (store.escalated(UUID.fromString(row[1]), clock.instant())) {
                IncidentStore.Incident i = store.find(incident).orElseThrow();
                store.event(incident, clock.instant(), i.zone(), "escalation", "overdue: " + row[2], null);
                audit.record("incident.comm.escalate", Outcome.SUCCESS, "overdue", "incident", row[0]);
                n++;
            }
        }
        return n;
    }

    public String noticeDraft(UUID id, NoticeDraft.Contact contact) {
        IncidentStore.Incident i = find(id);
        if (i.assessment() == null) {
            throw IncidentFailure.conflict("assessment-missing", "Assess the incident before drafting notices.");
        }
        Assessed a = JSON.readValue(i.assessment(), Assessed.class);
        audit.record("incident.notice.draft", Outcome.SUCCESS, null, "incident", id.toString());
        return NoticeDraft.individuals(
                i.title() + ".",
                a.breachDate(),
                a.discovered(),
                List.of("[kinds of information: names, dates of visits, visit recordings ...]"),
                List.of("[steps individuals should take]"),
                "[what we are doing to investigate, mitigate harm and prevent it happening again]",
                contact);
    }

    private IncidentStore.Incident find(UUID id) {
        return store.find(id).orElseThrow(() -> IncidentFailure.notFound("incident"));
    }

    private WorkforcePrincipal me() {
        return currentUser.current().orElseThrow(() -> IncidentFailure.invalid("no-session", "Sign in first."));
    }

    static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw IncidentFailure.invalid(
                    "zone-invalid", "The time zone is not a known region id such as" + " America/Chicago.");
        }
    }

    static String text(String text, int max, String field) {
        String clean = FreeText.normalized(text)
                .orElseThrow(() ->
                        IncidentFailure.invalid(field + "-invalid", "The " + field + " holds hidden characters."));
        if (FreeText.visibleLength(clean) == 0 || clean.length() > max) {
            throw IncidentFailure.invalid(field + "-invalid", "The " + field + " is 1 to " + max + " characters.");
        }
        return clean;
    }

    static @Nullable UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
