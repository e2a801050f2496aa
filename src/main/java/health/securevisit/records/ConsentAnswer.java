package health.securevisit.records;

/** The patient's answer; the newest answer of a kind is the current one. */
public enum ConsentAnswer {
    GIVEN,
    REFUSED,
    WITHDRAWN
}
