package health.securevisit.audit.internal;

import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * An entry as JSON: the API's representation and the JSON-lines export (one object per line). The
 * leaf hash is standard base64.
 */
public record EntryView(
        long seq,
        Instant time,
        String action,
        String outcome,
        @Nullable String reason,
        @Nullable String actorId,
        @Nullable String actorRole,
        @Nullable String sessionRef,
        @Nullable String authMethod,
        @Nullable String resourceType,
        @Nullable String resourceId,
        @Nullable String patientId,
        @Nullable String visitId,
        String purpose,
        @Nullable String sourceAddress,
        @Nullable String deviceId,
        @Nullable String requestId,
        String leafHash) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static EntryView of(StoredEntry s) {
        var e = s.event();
        return new EntryView(
                s.seq(),
                s.time(),
                e.action(),
                e.outcome().name(),
                e.reason(),
                e.actorId(),
                e.actorRole(),
                e.sessionRef(),
                e.authMethod(),
                e.resourceType(),
                e.resourceId(),
                e.patientId(),
                e.visitId(),
                e.purpose().name(),
                e.sourceAddress(),
                e.deviceId(),
                e.requestId(),
                Base64.getEncoder().encodeToString(s.leafHash()));
    }

    /** One line of JSON (no line breaks: every string is escaped). */
    static String jsonLine(StoredEntry entry) {
        return JSON.writeValueAsString(of(entry));
    }
}
