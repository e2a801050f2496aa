package health.securevisit.access;

/** What a request does with the data it touches; the rules differ for each. */
public enum Intent {
    /** Reads (the default). */
    READ,
    /** Changes existing data (a patient's demographics, a visit's state). */
    CHANGE,
    /** Creates a resource that brings a care team to a patient: scheduling a visit. */
    CREATE,
    /** Records that the patient is present (a visit moves to WAITING): front-desk staff only. */
    CHECK_IN,
    /**
     * Stays in a live visit entered earlier ({@link DataClass#LIVE_VISIT} only): decided again while
     * the room is open; the MFA freshness was checked when it was entered.
     */
    REMAIN
}
