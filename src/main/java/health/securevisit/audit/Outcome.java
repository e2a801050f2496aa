package health.securevisit.audit;

/** How an audited action ended. */
public enum Outcome {
    SUCCESS,
    DENIED,
    ERROR
}
