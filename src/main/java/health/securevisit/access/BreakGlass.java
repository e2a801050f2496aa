package health.securevisit.access;

/**
 * Emergency access (164.312(a)(2)(ii)): a clinician opens a patient outside the normal rules.
 *
 * <p>Guarantees: only a signed-in CLINICIAN with a fresh MFA step-up (settings:
 * {@code securevisit.access.break-glass-mfa-max-age}) and a reason of at least 20 visible characters (after NFC normalisation; bidi controls and
 * zero-width characters are refused) gets a
 * grant; it expires (default 60 minutes); the grant is audited as {@code access.break-glass} with
 * purpose EMERGENCY, a stored security alert is raised and {@link BreakGlassGranted} is published.
 * The reason is stored encrypted (it may hold PHI) and never put in the audit trail or logs.
 */
public interface BreakGlass {

    /** The caller must have checked that the patient exists (404 otherwise). */
    BreakGlassGrant open(PatientId patientId, String reason);
}
