package health.securevisit.risk.internal;

import health.securevisit.platform.SecureVisitException;

/** The risk register's domain errors: a stable code and a sentence naming the field. */
public final class RiskFailure extends SecureVisitException {

    private RiskFailure(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    public static RiskFailure outsideScale(String field) {
        return new RiskFailure(
                Kind.INVALID,
                "outside-scale",
                "Field " + field + ": a NIST SP 800-30 level from 1 (very low) to 5 (very high).");
    }

    public static RiskFailure invalid(String field, String why) {
        return new RiskFailure(Kind.INVALID, "invalid-scenario", "Field " + field + ": " + why);
    }

    public static RiskFailure notFound() {
        return new RiskFailure(Kind.NOT_FOUND, "scenario-not-found", "There is no such scenario.");
    }

    public static RiskFailure mapUnavailable() {
        return new RiskFailure(Kind.UNAVAILABLE, "map-unavailable", "The data-flow map could not be drawn.");
    }
}
