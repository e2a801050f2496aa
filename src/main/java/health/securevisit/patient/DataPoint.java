package health.securevisit.patient;

/**
 * The data points with which a patient's identity is verified at the start of a visit. All but
 * {@link #PHOTO_ID_INSPECTED} are compared with the chart after normalisation; the photo ID is an
 * attestation by the verifying workforce member.
 */
public enum DataPoint {
    FULL_NAME("fullName"),
    DATE_OF_BIRTH("dateOfBirth"),
    ADDRESS("address"),
    PHONE("phone"),
    MRN("mrn"),
    PHOTO_ID_INSPECTED("photoIdInspected");

    private final String field;

    DataPoint(String field) {
        this.field = field;
    }

    /** The JSON field name of this data point. */
    public String field() {
        return field;
    }
}
