package health.securevisit.records;

import health.securevisit.platform.SecureVisitException;

/** The records module's refusals; messages never carry content, names or input values. */
public final class RecordsException extends SecureVisitException {

    public static final String RECORDING_CONSENT_REQUIRED = "recording-consent-required";
    public static final String VISIT_ENDED = "visit-ended";
    public static final String CHUNK_OUT_OF_ORDER = "chunk-out-of-order";
    public static final String CHUNK_DUPLICATE = "chunk-duplicate";
    public static final String CHUNK_BEYOND_SIZE = "chunk-beyond-size";
    public static final String CHUNK_DIGEST_MISMATCH = "chunk-digest-mismatch";
    public static final String CONTENT_TYPE_MISMATCH = "content-type-mismatch";
    public static final String DIGEST_MISMATCH = "digest-mismatch";
    public static final String UPLOAD_INCOMPLETE = "upload-incomplete";
    public static final String NOT_INCOMPLETE = "artifact-not-incomplete";
    public static final String NOT_AVAILABLE = "artifact-not-available";
    public static final String RANGE_NOT_SATISFIABLE = "range-not-satisfiable";
    public static final String INVALID_REQUEST = "invalid-request";
    public static final String FORM_ANSWERS_INVALID = "form-answers-invalid";

    private final java.util.List<ItemError> items;

    /** A form answer's error: the item's linkId (from the form, not the patient) and a code. */
    public record ItemError(String linkId, String code) {}

    private RecordsException(Kind kind, String code, String message) {
        this(kind, code, message, java.util.List.of());
    }

    private RecordsException(Kind kind, String code, String message, java.util.List<ItemError> items) {
        super(kind, code, message);
        this.items = java.util.List.copyOf(items);
    }

    public static RecordsException formAnswersInvalid(java.util.List<ItemError> items) {
        return new RecordsException(
                Kind.INVALID, FORM_ANSWERS_INVALID, "Some answers are not valid for their question.", items);
    }

    public java.util.List<ItemError> items() {
        return items;
    }

    @Override
    public java.util.Map<String, Object> problemProperties() {
        return items.isEmpty() ? java.util.Map.of() : java.util.Map.of("items", items);
    }

    public static RecordsException invalid(String message) {
        return new RecordsException(Kind.INVALID, INVALID_REQUEST, message);
    }

    public static RecordsException of(Kind kind, String code, String message) {
        return new RecordsException(kind, code, message);
    }

    public static RecordsException visitNotFound() {
        return new RecordsException(Kind.NOT_FOUND, "visit-not-found", "There is no visit with this id.");
    }

    public static RecordsException artifactNotFound() {
        return new RecordsException(Kind.NOT_FOUND, "artifact-not-found", "There is no artifact with this id.");
    }

    public static RecordsException consentRequired() {
        return new RecordsException(
                Kind.CONFLICT,
                RECORDING_CONSENT_REQUIRED,
                "The patient has no current recording consent for this visit: recording is not allowed.");
    }

    public static RecordsException visitEnded() {
        return new RecordsException(
                Kind.CONFLICT, VISIT_ENDED, "The visit has ended: nothing more can be added to it.");
    }
}
