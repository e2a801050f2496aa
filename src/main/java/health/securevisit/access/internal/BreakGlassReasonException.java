package health.securevisit.access.internal;

import health.securevisit.platform.SecureVisitException;

/**
 * A break-glass reason that is too short, too long or holds hidden characters (400); the message never
 * echoes the reason.
 */
final class BreakGlassReasonException extends SecureVisitException {

    private BreakGlassReasonException(String code, String message) {
        super(Kind.INVALID, code, message);
    }

    static BreakGlassReasonException tooShort(int min) {
        return new BreakGlassReasonException(
                BreakGlassService.REASON_TOO_SHORT,
                "A break-glass reason needs at least " + min + " visible characters.");
    }

    static BreakGlassReasonException tooLong(int max) {
        return new BreakGlassReasonException(
                BreakGlassService.REASON_TOO_LONG, "A break-glass reason may have at most " + max + " characters.");
    }

    static BreakGlassReasonException hiddenCharacters() {
        return new BreakGlassReasonException(
                "invalid-reason", "A break-glass reason may not hold bidirectional controls or zero-width characters.");
    }
}
