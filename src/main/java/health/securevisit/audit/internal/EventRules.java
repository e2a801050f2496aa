package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import org.jspecify.annotations.Nullable;

/**
 * Shape rules for events: identifiers and codes only. Every field is printable ASCII without spaces
 * and of bounded length, which keeps names, addresses and free text (PHI) out of the trail. A
 * violation is a programming error of the caller; the message names the field, never its value.
 * (Plain loops rather than regular expressions: this runs for every event on the append path.)
 */
final class EventRules {

    private EventRules() {}

    static void check(AuditEvent e) {
        if (!isAction(e.action())) {
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

    /** {@code [a-z][a-z0-9._-]{0,63}} */
    static boolean isAction(String s) {
        if (s.isEmpty() || s.length() > 64 || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [\x21-\x7e]{1,max}} */
    static boolean isToken(String s, int max) {
        if (s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static void token(String field, @Nullable String value, int max) {
        if (value != null && !isToken(value, max)) {
            throw new IllegalArgumentException("AuditEvent." + field + " must be an identifier of at most " + max
                    + " printable characters without spaces");
        }
    }
}
