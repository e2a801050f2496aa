package health.securevisit.records.internal;

import health.securevisit.access.Intent;
import health.securevisit.records.ConsentAnswer;
import health.securevisit.records.ConsentKind;
import health.securevisit.records.ConsentRecord;
import health.securevisit.visit.VisitRecordFacts;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Telehealth and recording consent of a visit, recorded separately with the consent form's version,
 * the time and the answer. A clinician records the answer the patient gave in the call (attested);
 * the newest answer of a kind is the current one, so a withdrawal takes effect at once: the next
 * chunk of a running recording is refused and the recorder, which polls the consents, stops.
 */
@Component
public class Consents {

    static final String RECORD = "records.consent.record";
    static final String READ = "records.consent.read";

    private final RecordsAccess access;
    private final ConsentRows rows;
    private final Forms forms;
    private final Clock clock;

    Consents(RecordsAccess access, ConsentRows rows, Forms forms, Clock clock) {
        this.access = access;
        this.rows = rows;
        this.forms = forms;
        this.clock = clock;
    }

    public ConsentRecord record(UUID visitId, ConsentKind kind, ConsentAnswer answer) {
        VisitRecordFacts visit = access.visit(visitId, RECORD, Intent.CHANGE, "consent");
        return store(visit, kind, answer, access.principal().id());
    }

    /**
     * Stores an answer with the consent form's version: {@code recordedBy} is the clinician who attests
     * the patient's spoken answer, or null for the patient's own answer (the caller decided who may).
     */
    ConsentRecord store(
            VisitRecordFacts visit,
            ConsentKind kind,
            ConsentAnswer answer,
            @org.jspecify.annotations.Nullable UUID recordedBy) {
        Forms.Form form = forms.consentForm();
        ConsentRecord c = new ConsentRecord(
                UUID.randomUUID(),
                visit.facts().visitId(),
                visit.facts().patientId(),
                kind,
                answer,
                form.url(),
                form.version(),
                recordedBy,
                recordedBy != null,
                clock.instant());
        rows.insert(c);
        return c;
    }

    /** Every decision of the visit, oldest first (the last of each kind is current). */
    public List<ConsentRecord> ofVisit(UUID visitId) {
        access.visit(visitId, READ, Intent.READ, "consent");
        return rows.ofVisit(visitId);
    }

    /** Without an access decision: for the export, which decided on the whole visit. */
    List<ConsentRecord> ofVisitDecided(UUID visitId) {
        return rows.ofVisit(visitId);
    }
}
