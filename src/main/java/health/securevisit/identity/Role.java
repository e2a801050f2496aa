package health.securevisit.identity;

/** Workforce roles; a signed-in session with MFA carries them as {@code ROLE_<name>} authorities. */
public enum Role {
    ADMIN,
    SECURITY_OFFICER,
    CLINICIAN,
    STAFF,
    AUDITOR;

    /** Whether the role reads patients' health information (granting it is alerted, never to oneself). */
    public boolean seesPhi() {
        return this == CLINICIAN || this == STAFF;
    }

    /** The Spring Security authority, so that {@code hasRole('ADMIN')} works. */
    public String authority() {
        return "ROLE_" + name();
    }
}
