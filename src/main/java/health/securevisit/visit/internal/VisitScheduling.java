package health.securevisit.visit.internal;

import health.securevisit.access.DataClass;
import health.securevisit.access.Intent;
import health.securevisit.audit.Outcome;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforceDirectory;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.patient.PatientNotFoundException;
import health.securevisit.patient.PatientRecord;
import health.securevisit.patient.Patients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Scheduling, reading and moving visits; every step asks the access decision point first. */
@Service
public class VisitScheduling {

    /**
     * The clock-skew allowance: a new visit may start at most this long before the server's time (a
     * client's clock a little ahead); anything earlier is a visit in the past ({@code start-in-past}).
     */
    static final Duration START_SKEW = Duration.ofMinutes(2);

    static final String CREATE = "visit.create";
    /** The widest range one schedule query may cover. */
    static final Duration MAX_RANGE = Duration.ofDays(92);

    static final int MAX_LIST = 500;

    /** What the chart view shows: the patient, the visit, its verification and the patient's visits. */
    public record Chart(PatientRecord patient, Visit visit, List<Visit> history) {}

    private final Visits visits;
    private final VisitAccess access;
    private final Patients patients;
    private final WorkforceDirectory directory;
    private final VisitAudit audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final VisitEvents events;

    VisitScheduling(
            Visits visits,
            VisitAccess access,
            Patients patients,
            WorkforceDirectory directory,
            VisitAudit audit,
            TransactionTemplate transactions,
            VisitEvents events,
            Clock clock) {
        this.events = events;
        this.visits = visits;
        this.access = access;
        this.patients = patients;
        this.directory = directory;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Schedules a visit. The decision (audited with the new visit's id) comes first, with the visit as
     * it will be stored: a clinician who puts themselves on the care team needs a prior care
     * relationship with the patient. Refusals after it are audited as {@code visit.create} DENIED.
     */
    public Visit create(UUID patientId, Set<UUID> clinicianIds, Instant start, int durationMinutes, Modality modality) {
        Instant now = clock.instant();
        Visit visit = Visit.schedule(patientId, clinicianIds, start, durationMinutes, modality, now);
        access.authorizeCreation(visit);
        WorkforcePrincipal by = access.principal();
        if (!patients.exists(patientId)) {
            audit.byWorkforce(by, CREATE, Outcome.DENIED, "patient-not-found", visit);
            throw new PatientNotFoundException();
        }
        for (UUID clinician : clinicianIds) {
            if (!directory.isActiveClinician(clinician)) {
                audit.byWorkforce(by, CREATE, Outcome.DENIED, "invalid-clinician", visit);
                throw VisitException.invalid("Every clinicianId must be an enabled account with the CLINICIAN role.");
            }
        }
        if (start.isBefore(now.minus(START_SKEW))) {
            audit.byWorkforce(by, CREATE, Outcome.DENIED, VisitException.START_IN_PAST, visit);
            throw VisitException.startInPast();
        }
        transactions.executeWithoutResult(tx -> {
            visits.lockSchedules(clinicianIds);
            if (visits.overlaps(clinicianIds, visit.start(), visit.end())) {
                throw VisitException.overlap();
            }
            visits.insert(visit, by.id());
        });
        return visit;
    }

    public Visit read(UUID visitId) {
        return access.authorize(visitId, "visit.read", DataClass.SCHEDULING, "visit");
    }

    /**
     * Visits starting in [from, to): a clinician sees their own, staff see all (or one clinician's);
     * each item is decided on its own and only allowed ones are returned.
     */
    public List<Visit> list(Instant from, Instant to, @Nullable UUID clinicianId) {
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw VisitException.invalidRequest("'to' must be after 'from' and at most 92 days later.");
        }
        access.authorizeCollection("visit.list", DataClass.SCHEDULING, "visit");
        WorkforcePrincipal who = access.principal();
        UUID filter = clinicianId;
        if (!who.roles().contains(Role.STAFF)) {
            if (clinicianId != null && !clinicianId.equals(who.id())) {
                return List.of();
            }
            filter = who.id();
        }
        return visits.list(filter, from, to, MAX_LIST).stream()
                .filter(v -> access.allowed(v, "visit.read", DataClass.SCHEDULING))
                .toList();
    }

    /**
     * Moves a visit. WAITING is the patient's check-in ({@code visit.check-in}, intent CHECK_IN: staff
     * only, or the patient's own join); every other move is {@code visit.transition}.
     */
    public Visit transition(UUID visitId, VisitStatus to) {
        if (to == VisitStatus.WAITING) {
            access.authorize(visitId, "visit.check-in", DataClass.SCHEDULING, Intent.CHECK_IN, "visit");
        } else {
            access.authorize(visitId, "visit.transition", DataClass.SCHEDULING, Intent.CHANGE, "visit");
        }
        Visit moved = transactions.execute(tx -> {
            Visit visit = visits.find(visitId).orElseThrow(VisitException::notFound);
            visit.moveTo(to);
            visits.update(visit, clock.instant());
            return visit;
        });
        events.changed(moved);
        return moved;
    }

    /**
     * The chart: the visit and the patient's other visits come in one read, which the decision point
     * judges before anything of it (or the patient's record) is used.
     */
    public Chart chart(UUID visitId) {
        List<Visit> history = visits.ofPatientOfVisit(visitId);
        Optional<Visit> read =
                history.stream().filter(v -> v.id().equals(visitId)).findFirst();
        Visit visit = access.authorize(visitId, read, "chart.read", DataClass.CLINICAL, Intent.READ, "chart");
        PatientRecord patient = patients.find(visit.patientId()).orElseThrow(PatientNotFoundException::new);
        return new Chart(patient, visit, history);
    }
}
