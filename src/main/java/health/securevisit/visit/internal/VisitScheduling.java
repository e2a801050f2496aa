package health.securevisit.visit.internal;

import health.securevisit.access.DataClass;
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

    /** A visit may start at most this long ago when it is scheduled. */
    static final Duration MAX_PAST_START = Duration.ofHours(1);
    /** The widest range one schedule query may cover. */
    static final Duration MAX_RANGE = Duration.ofDays(92);

    static final int MAX_LIST = 500;

    /** What the chart view shows: the patient, the visit, its verification and the patient's visits. */
    public record Chart(PatientRecord patient, Visit visit, List<Visit> history) {}

    private final Visits visits;
    private final VisitAccess access;
    private final Patients patients;
    private final WorkforceDirectory directory;
    private final TransactionTemplate transactions;
    private final Clock clock;

    VisitScheduling(
            Visits visits,
            VisitAccess access,
            Patients patients,
            WorkforceDirectory directory,
            TransactionTemplate transactions) {
        this.visits = visits;
        this.access = access;
        this.patients = patients;
        this.directory = directory;
        this.transactions = transactions;
        this.clock = Clock.systemUTC();
    }

    public Visit create(UUID patientId, Set<UUID> clinicianIds, Instant start, int durationMinutes, Modality modality) {
        access.authorizeCollection("visit.create", DataClass.SCHEDULING, "visit", patientId);
        WorkforcePrincipal by = access.principal();
        if (!patients.exists(patientId)) {
            throw new PatientNotFoundException();
        }
        for (UUID clinician : clinicianIds) {
            if (!directory.isActiveClinician(clinician)) {
                throw VisitException.invalid("Every clinicianId must be an enabled account with the CLINICIAN role.");
            }
        }
        Instant now = clock.instant();
        if (start.isBefore(now.minus(MAX_PAST_START))) {
            throw VisitException.invalid("A visit may not start more than one hour in the past.");
        }
        Visit visit = Visit.schedule(patientId, clinicianIds, start, durationMinutes, modality, now);
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

    public Visit transition(UUID visitId, VisitStatus to) {
        access.authorize(visitId, "visit.transition", DataClass.SCHEDULING, "visit");
        return transactions.execute(tx -> {
            Visit visit = visits.find(visitId).orElseThrow(VisitException::notFound);
            visit.moveTo(to);
            visits.update(visit, clock.instant());
            return visit;
        });
    }

    /**
     * The chart: the visit and the patient's other visits come in one read, which the decision point
     * judges before anything of it (or the patient's record) is used.
     */
    public Chart chart(UUID visitId) {
        List<Visit> history = visits.ofPatientOfVisit(visitId);
        Optional<Visit> read =
                history.stream().filter(v -> v.id().equals(visitId)).findFirst();
        Visit visit = access.authorize(visitId, read, "chart.read", DataClass.CLINICAL, "chart");
        PatientRecord patient = patients.find(visit.patientId()).orElseThrow(PatientNotFoundException::new);
        return new Chart(patient, visit, history);
    }
}
