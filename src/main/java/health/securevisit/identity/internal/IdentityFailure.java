package health.securevisit.identity.internal;

import health.securevisit.platform.SecureVisitException;

/**
 * The identity module's domain errors, each with a stable code and a sentence for the user. The
 * sentence never says whether a username exists and never echoes a password or code.
 */
public final class IdentityFailure extends SecureVisitException {

    private IdentityFailure(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    public static IdentityFailure badCredentials() {
        return new IdentityFailure(Kind.INVALID, "bad-credentials", "The username or password is wrong.");
    }

    public static IdentityFailure badCode() {
        return new IdentityFailure(Kind.INVALID, "bad-code", "The code is wrong, expired or already used.");
    }

    public static IdentityFailure passwordRejected(String why) {
        return new IdentityFailure(Kind.INVALID, "password-rejected", why);
    }

    public static IdentityFailure invalidUsername(String why) {
        return new IdentityFailure(Kind.INVALID, "invalid-username", why);
    }

    public static IdentityFailure noRoles() {
        return new IdentityFailure(Kind.INVALID, "no-roles", "An account needs at least one role.");
    }

    public static IdentityFailure usernameTaken() {
        return new IdentityFailure(Kind.CONFLICT, "username-taken", "This username is already in use.");
    }

    public static IdentityFailure factorNotAllowed(String type) {
        String why = switch (type) {
            case "sms", "voice", "email" ->
                "SecureVisit does not accept " + type + " codes as an authenticator: they can be"
                        + " intercepted or redirected, so NIST SP 800-63B restricts them and they are not"
                        + " acceptable for systems holding PHI. Enrol an authenticator app (TOTP) or a"
                        + " security key or passkey (WebAuthn) instead.";
            default -> "Only authenticator apps (totp) and security keys or passkeys (webauthn) can be" + " enrolled.";
        };
        return new IdentityFailure(Kind.INVALID, "factor-not-allowed", why);
    }

    public static IdentityFailure factorExists() {
        return new IdentityFailure(
                Kind.CONFLICT,
                "factor-exists",
                "An authenticator app is already enrolled; remove it first to enrol another.");
    }

    public static IdentityFailure noPendingEnrollment() {
        return new IdentityFailure(Kind.CONFLICT, "no-pending-enrollment", "Start an enrolment before confirming it.");
    }

    public static IdentityFailure lastFactor() {
        return new IdentityFailure(
                Kind.CONFLICT,
                "last-factor",
                "At least one authenticator must remain: enrol another one before removing this one.");
    }

    public static IdentityFailure factorNotFound() {
        return new IdentityFailure(Kind.NOT_FOUND, "factor-not-found", "There is no such factor on your account.");
    }

    public static IdentityFailure userNotFound() {
        return new IdentityFailure(Kind.NOT_FOUND, "user-not-found", "There is no such user.");
    }

    public static IdentityFailure lastAdmin() {
        return new IdentityFailure(Kind.CONFLICT, "last-admin", "At least one enabled administrator must remain.");
    }

    public static IdentityFailure mfaRequired() {
        return new IdentityFailure(
                Kind.FORBIDDEN,
                "mfa-required",
                "Complete multi-factor authentication first: enrol or verify a second factor.");
    }

    public static IdentityFailure wrongStep() {
        return new IdentityFailure(Kind.CONFLICT, "wrong-step", "This sign-in step does not apply to this session.");
    }

    public static IdentityFailure setupTokenInvalid() {
        return new IdentityFailure(Kind.FORBIDDEN, "setup-token-invalid", "The setup token is wrong or was used.");
    }

    public static IdentityFailure setupComplete() {
        return new IdentityFailure(
                Kind.CONFLICT, "setup-complete", "The first administrator exists already; sign in instead.");
    }

    public static IdentityFailure webauthnFailed() {
        return new IdentityFailure(
                Kind.INVALID, "webauthn-failed", "The security key or passkey response was not accepted.");
    }

    public static IdentityFailure reasonRequired(int minVisible) {
        return new IdentityFailure(
                Kind.INVALID,
                "reason-required",
                "Say why this account needs its roles (" + minVisible + " visible characters or more).");
    }

    public static IdentityFailure invalidReason(int minVisible, int max) {
        return new IdentityFailure(
                Kind.INVALID,
                "invalid-reason",
                "The reason must be plain text of " + minVisible + " to " + max
                        + " characters, without control, bidirectional or invisible characters.");
    }

    public static IdentityFailure selfGrant() {
        return new IdentityFailure(
                Kind.FORBIDDEN,
                "self-grant-refused",
                "Administrators cannot give their own account a role that sees patient information; ask"
                        + " another administrator.");
    }
}
