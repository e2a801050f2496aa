package health.securevisit.access;

/**
 * The kind of data a request touches; the policy decides per class. Staff see scheduling data and
 * demographics, never clinical data; clinicians see a patient's demographics and clinical data only
 * inside a visit window of a visit they are assigned to (or under break-glass).
 */
public enum DataClass {
    /** Visit times, status, modality and participant ids: what a schedule shows. */
    SCHEDULING,
    /** A patient's demographics (name, date of birth, contact, insurance id, MRN). */
    DEMOGRAPHICS,
    /** Clinical data: the chart and everything a visit's clinical view shows. */
    CLINICAL,
    /**
     * The live visit (the room): its signaling, waiting room, TURN credentials and chat while it runs.
     * Only the visit's care team inside its window, with a fresh MFA to enter; never staff, never
     * through break-glass.
     */
    LIVE_VISIT,
    /**
     * What a visit leaves behind (recordings, screenshots, transcripts, chat exports, intake form
     * answers, consents, the visit export): decided as clinical data, under its own class so that the
     * audit trail and the decision table name it.
     */
    VISIT_RECORDS,
    /**
     * Remote-monitoring vital signs from hospital-at-home hubs, their trend, alerts and quarantine:
     * clinical data read between visits, by a clinician who verified the patient's identity in a visit
     * of the last {@code 30} days (the monitoring relationship), or under break-glass.
     */
    VITALS,
    /**
     * A patient's state of residence, read for a security incident's breach thresholds (the minimum
     * necessary): only by a security officer investigating an open incident, for the patients the audit
     * trail shows the incident's involved accounts touched ({@link Investigation}); never otherwise.
     */
    RESIDENCE;

    /** Whether the class is decided as clinical data (staff never, clinicians after the identity step). */
    public boolean clinical() {
        return this == CLINICAL || this == VISIT_RECORDS;
    }
}
