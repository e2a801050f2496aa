package health.securevisit.visit.internal;

import health.securevisit.platform.SecureVisitException;

/** The visit module's refusals; messages never name a patient or echo input values. */
public final class VisitException extends SecureVisitException {

    private VisitException(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    public static VisitException notFound() {
        return new VisitException(Kind.NOT_FOUND, "visit-not-found", "There is no visit with this id.");
    }

    public static VisitException invalid(String message) {
        return new VisitException(Kind.INVALID, "invalid-visit", message);
    }

    public static final String START_IN_PAST = "start-in-past";
    public static final String OUTSIDE_START_WINDOW = "outside-start-window";

    public static VisitException startInPast() {
        return new VisitException(Kind.INVALID, START_IN_PAST, "A visit cannot be scheduled to start in the past.");
    }

    public static VisitException outsideStartWindow() {
        return new VisitException(
                Kind.CONFLICT,
                OUTSIDE_START_WINDOW,
                "The patient's identity is verified only from 15 minutes before the visit's start to its end.");
    }

    public static VisitException invalidRequest(String message) {
        return new VisitException(Kind.INVALID, "invalid-request", message);
    }

    public static VisitException invalidTransition(VisitStatus from, VisitStatus to) {
        return new VisitException(
                Kind.CONFLICT, "invalid-transition", "A visit cannot move from " + from + " to " + to + ".");
    }

    public static VisitException overlap() {
        return new VisitException(
                Kind.CONFLICT, "visit-overlap", "A clinician of this visit already has a visit at that time.");
    }

    public static VisitException changed() {
        return new VisitException(
                Kind.CONFLICT, "visit-changed", "The visit was changed at the same time; reload it and try again.");
    }

    public static VisitException tooFewDataPoints(int required) {
        return new VisitException(
                Kind.INVALID,
                "too-few-data-points",
                "Identity verification needs at least " + required + " data points.");
    }

    public static VisitException flagged() {
        return new VisitException(
                Kind.CONFLICT,
                "visit-flagged-for-review",
                "Identity verification failed too often; the visit is flagged for review.");
    }

    public static VisitException notJoinable() {
        return new VisitException(
                Kind.CONFLICT, "visit-not-joinable", "This visit cannot be joined any more (its state or its end).");
    }

    public static final String IDENTITY_NOT_VERIFIED = "identity-not-verified";

    public static VisitException identityNotVerified() {
        return new VisitException(
                Kind.CONFLICT,
                IDENTITY_NOT_VERIFIED,
                "The call starts only after the patient's identity was verified for this visit.");
    }

    public static VisitException joinRefused() {
        return new VisitException(
                Kind.FORBIDDEN,
                "join-refused",
                "This link cannot be used. Ask the practice for a new link or check the date of birth.");
    }
}
