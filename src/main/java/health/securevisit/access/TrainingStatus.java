package health.securevisit.access;

/** Whether a workforce member's required security training is current; the training module fills it in later. */
public enum TrainingStatus {
    CURRENT,
    OVERDUE,
    /** No training record answer (today: always); the access settings say what it means. */
    UNKNOWN
}
