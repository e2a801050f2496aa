package health.securevisit.detection.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.detection.DetectionFailure;
import health.securevisit.detection.ResponseAudit;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforceDirectory;
import health.securevisit.patient.Patients;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register behind the {@code workforce_member} modifier: an officer enters a workforce member's
 * name and date of birth (as HR holds them); the patient module finds matching records through its
 * keyed blind indexes, and only the pairs (account id, patient id) are kept. Neither the name nor the
 * date is stored or logged, and the answer does not say whether anything matched.
 */
@Service
public class WorkforcePatients {

    static final String ACTION = "detection.workforce-patient.register";

    private final Patients patients;
    private final WorkforceDirectory directory;
    private final CurrentWorkforceUser currentUser;
    private final ResponseAudit audit;
    private final JdbcClient jdbc;
    private final LiveFacts facts;
    private final Clock clock;

    WorkforcePatients(
            Patients patients,
            WorkforceDirectory directory,
            CurrentWorkforceUser currentUser,
            ResponseAudit audit,
            JdbcClient jdbc,
            LiveFacts facts,
            Clock clock) {
        this.patients = patients;
        this.directory = directory;
        this.currentUser = currentUser;
        this.audit = audit;
        this.jdbc = jdbc;
        this.facts = facts;
        this.clock = clock;
    }

    @Transactional
    public void register(UUID accountId, String fullName, LocalDate dateOfBirth) {
        if (!directory.isActive(accountId)) {
            audit.record(ACTION, Outcome.DENIED, "account-unknown", "account", accountId.toString());
            throw DetectionFailure.unknownAccount();
        }
        UUID by = currentUser.current().orElseThrow().id();
        List<UUID> found = patients.search(fullName, dateOfBirth, 5);
        for (UUID patient : found) {
            jdbc.sql("DELETE FROM detection_workforce_patient WHERE account_id = ? AND patient_id = ?")
                    .params(accountId, patient)
                    .update();
            jdbc.sql("INSERT INTO detection_workforce_patient (account_id, patient_id, registered_by, registered_at)"
                            + " VALUES (?, ?, ?, ?)")
                    .params(accountId, patient, by, Timestamp.from(clock.instant()))
                    .update();
        }
        audit.record(ACTION, Outcome.SUCCESS, "blind-index-match", "account", accountId.toString());
        facts.reload();
    }
}
