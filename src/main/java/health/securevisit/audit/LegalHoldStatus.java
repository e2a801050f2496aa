package health.securevisit.audit;

import java.util.UUID;

/**
 * Whether a legal hold stops data from expiring, for modules that delete what they keep (records'
 * retention job). Holds are placed and released through the audit module's API, which audits both.
 */
public interface LegalHoldStatus {

    /** Whether an active hold covers the patient's data: a hold on that patient, or any incident hold. */
    boolean holds(UUID patientId);
}
