package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Shape rules for events: identifiers and codes only. Every field is printable ASCII without spaces
 * and of bounded length, which keeps names, addresses and free text (PHI) out of the trail. A
 * violation is a programming error of the caller; the message names the field, never its value.
 */
final class EventRules {

    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9._-]{0,63}");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

    private EventRules() {}

    static void check(AuditEvent e) {
        if (!ACTION.matcher(e.action()).matches()) {
            throw new IllegalArgumentException("AuditEvent.action must be a dotted lower-case code");
        }
        token("reason", e.reason(), 128);
        token("actorId", e.actorId(), 128);
        token("actorRole", e.actorRole(), 64);
        token("sessionRef", e.sessionRef(), 128);
        token("authMethod", e.authMethod(), 64);
        token("resourceType", e.resourceType(), 64);
        token("resourceId", e.resourceId(), 128);
        token("patientId", e.patientId(), 128);
        token("visitId", e.visitId(), 128);
        token("sourceAddress", e.sourceAddress(), 64);
        token("deviceId", e.deviceId(), 128);
        token("requestId", e.requestId(), 64);
    }

    private static void token(String field, @Nullable String value, int max) {
        if (value != null && (value.length() > max || !TOKEN.matcher(value).matches())) {
            throw new IllegalArgumentException("AuditEvent." + field + " must be an identifier of at most " + max
                    + " printable characters without spaces");
        }
    }
}
