package health.securevisit.records;

/** The two consents a telehealth visit asks for, recorded separately. */
public enum ConsentKind {
    /** Consent to be seen by video (telehealth). */
    TELEHEALTH,
    /** Consent to the visit being recorded; recording needs a current one and stops when it is withdrawn. */
    RECORDING
}
