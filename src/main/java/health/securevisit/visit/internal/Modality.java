package health.securevisit.visit.internal;

/** How the visit takes place. */
public enum Modality {
    VIDEO,
    PHONE,
    IN_PERSON
}
