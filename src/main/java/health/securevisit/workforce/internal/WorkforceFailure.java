package health.securevisit.workforce.internal;

import health.securevisit.platform.SecureVisitException;
import java.util.List;
import java.util.Map;

/** The workforce program's refusals; messages never echo input values. */
public final class WorkforceFailure extends SecureVisitException {

    private final Map<String, Object> details;

    private WorkforceFailure(Kind kind, String code, String message, Map<String, Object> details) {
        super(kind, code, message);
        this.details = Map.copyOf(details);
    }

    private WorkforceFailure(Kind kind, String code, String message) {
        this(kind, code, message, Map.of());
    }

    @Override
    public Map<String, Object> problemProperties() {
        return details;
    }

    public static WorkforceFailure courseContentMissing() {
        return new WorkforceFailure(
                Kind.INVALID, "course-content-missing", "A course needs content: the text people attest they read.");
    }

    public static WorkforceFailure courseNotFound() {
        return new WorkforceFailure(Kind.NOT_FOUND, "course-not-found", "There is no such course.");
    }

    public static WorkforceFailure courseVersionStale() {
        return new WorkforceFailure(
                Kind.CONFLICT, "course-version-stale", "The course has a newer version: read it and attest again.");
    }

    public static WorkforceFailure attestationNotOwn() {
        return new WorkforceFailure(
                Kind.FORBIDDEN, "attestation-not-own", "A completion is attested only by the person who did it.");
    }

    public static WorkforceFailure notYours() {
        return new WorkforceFailure(
                Kind.FORBIDDEN, "workforce-not-yours", "Only your own records, or a security officer, can see these.");
    }

    public static WorkforceFailure policyNotFound() {
        return new WorkforceFailure(Kind.NOT_FOUND, "policy-not-found", "There is no such policy version.");
    }

    public static WorkforceFailure policySuperseded() {
        return new WorkforceFailure(
                Kind.CONFLICT, "policy-superseded", "This version was superseded: acknowledge the current one.");
    }

    public static WorkforceFailure policyContentMissing() {
        return new WorkforceFailure(Kind.INVALID, "policy-content-missing", "A policy needs a title and content.");
    }

    public static WorkforceFailure reviewNotFound() {
        return new WorkforceFailure(Kind.NOT_FOUND, "review-not-found", "There is no such access review.");
    }

    public static WorkforceFailure reviewClosed() {
        return new WorkforceFailure(Kind.CONFLICT, "review-closed", "This access review is already completed.");
    }

    public static WorkforceFailure reviewOwnAccount() {
        return new WorkforceFailure(
                Kind.FORBIDDEN, "review-own-account", "Another reviewer decides on your own account's roles.");
    }

    public static WorkforceFailure reviewCannotGrant() {
        return new WorkforceFailure(
                Kind.INVALID,
                "review-cannot-grant",
                "A review confirms or removes roles; granting one is an administrator's role change.");
    }

    public static WorkforceFailure reviewAccountNotListed() {
        return new WorkforceFailure(
                Kind.NOT_FOUND, "review-account-not-listed", "This account is not part of this access review.");
    }

    public static WorkforceFailure reviewIncomplete(List<String> missing) {
        return new WorkforceFailure(
                Kind.CONFLICT,
                "review-incomplete",
                "Every account of the review needs a decision before it is completed.",
                Map.of("undecidedAccounts", missing));
    }

    public static WorkforceFailure accountNotFound() {
        return new WorkforceFailure(Kind.NOT_FOUND, "account-not-found", "There is no such workforce account.");
    }

    public static WorkforceFailure leaverNotFound() {
        return new WorkforceFailure(Kind.NOT_FOUND, "leaver-not-found", "This account is not recorded as a leaver.");
    }

    public static WorkforceFailure leaverRecorded() {
        return new WorkforceFailure(Kind.CONFLICT, "leaver-recorded", "This account is already recorded as a leaver.");
    }

    public static WorkforceFailure leftInFuture() {
        return new WorkforceFailure(Kind.INVALID, "leaver-date-invalid", "The leaving time must not be in the future.");
    }
}
