package health.securevisit.identity;

/** Workforce roles; a signed-in session with MFA carries them as {@code ROLE_<name>} authorities. */
public enum Role {
    ADMIN,
    SECURITY_OFFICER,
    CLINICIAN,
    STAFF,
    AUDITOR;

    /** The Spring Security authority, so that {@code hasRole('ADMIN')} works. */
    public String authority() {
        return "ROLE_" + name();
    }
}
