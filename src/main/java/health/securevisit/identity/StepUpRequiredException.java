package health.securevisit.identity;

import health.securevisit.platform.SecureVisitException;

/** The action needs a fresh second factor: answered 403 with code {@code step-up-required}. */
public final class StepUpRequiredException extends SecureVisitException {

    public StepUpRequiredException() {
        super(
                Kind.FORBIDDEN,
                "step-up-required",
                "This action needs a recent second factor: verify with your authenticator app or security key"
                        + " (POST /api/v1/auth/totp/verify or the WebAuthn step-up) and try again.");
    }
}
