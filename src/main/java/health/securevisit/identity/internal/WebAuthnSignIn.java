package health.securevisit.identity.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.WorkforcePrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.registration.HttpSessionPublicKeyCredentialCreationOptionsRepository;
import org.springframework.stereotype.Service;

/**
 * WebAuthn ceremonies: registering a security key or passkey (same enrolment rules as TOTP), and
 * asserting one as the second factor, as a step-up, or alone as passwordless sign-in (user
 * verification makes the passkey itself multi-factor). Registration challenges live in the
 * (signed-in) session, assertion challenges in {@link WebAuthnChallenges}; each is used once.
 */
@Service
public class WebAuthnSignIn {

    /** A finished registration: the session after it and recovery codes if it was the first factor. */
    public record Registered(WorkforcePrincipal principal, List<String> recoveryCodes) {}

    private final WebAuthnRelyingParty rp;
    private final TotpEnrollment enrollment;
    private final RecoveryCodes recoveryCodes;
    private final WorkforceUsers users;
    private final SignIn signIn;
    private final SignInThrottle throttle;
    private final IdentityAudit audit;
    private final Clock clock;
    private final WebAuthnChallenges challenges;
    private final HttpSessionPublicKeyCredentialCreationOptionsRepository creations =
            new HttpSessionPublicKeyCredentialCreationOptionsRepository();

    WebAuthnSignIn(
            WebAuthnRelyingParty rp,
            TotpEnrollment enrollment,
            RecoveryCodes recoveryCodes,
            WorkforceUsers users,
            SignIn signIn,
            SignInThrottle throttle,
            IdentityAudit audit,
            Clock clock,
            WebAuthnChallenges challenges) {
        this.rp = rp;
        this.enrollment = enrollment;
        this.recoveryCodes = recoveryCodes;
        this.users = users;
        this.signIn = signIn;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.challenges = challenges;
    }

    public PublicKeyCredentialCreationOptions registrationOptions(
            WorkforcePrincipal principal, HttpServletRequest request, HttpServletResponse response) {
        enrollment.requireMayEnrol(principal);
        PublicKeyCredentialCreationOptions options = rp.operations()
                .createPublicKeyCredentialCreationOptions(
                        new ImmutablePublicKeyCredentialCreationOptionsRequest(named(principal.username())));
        creations.save(request, response, options);
        return options;
    }

    public Registered register(
            WorkforcePrincipal principal,
            PublicKeyCredential<AuthenticatorAttestationResponse> credential,
            String label,
            HttpServletRequest request,
            HttpServletResponse response) {
        enrollment.requireMayEnrol(principal);
        PublicKeyCredentialCreationOptions options = creations.load(request);
        creations.save(request, response, null);
        if (options == null || !options.getUser().getName().equals(principal.username())) {
            throw IdentityFailure.noPendingEnrollment();
        }
        try {
            rp.operations()
                    .registerCredential(new ImmutableRelyingPartyRegistrationRequest(
                            options, new RelyingPartyPublicKey(credential, label)));
        } catch (RuntimeException e) {
            audit.record(audit.by(principal, "auth.mfa.enrol", Outcome.DENIED, "webauthn-rejected")
                    .resource("factor", "webauthn"));
            throw IdentityFailure.webauthnFailed();
        }
        List<String> codes =
                recoveryCodes.remaining(principal.id()) == 0 ? recoveryCodes.regenerate(principal.id()) : List.of();
        WorkforcePrincipal after = principal.withMfa("webauthn", clock.instant());
        audit.record(
                audit.by(after, "auth.mfa.enrol", Outcome.SUCCESS, "webauthn").resource("factor", "webauthn"));
        return new Registered(after, codes);
    }

    /**
     * Options for an assertion: for the signed-in user's credentials, or any passkey when nobody is.
     * Creates no HTTP session; throttled per source address.
     */
    public PublicKeyCredentialRequestOptions authenticationOptions(
            @Nullable WorkforcePrincipal principal, String source, HttpServletResponse response) {
        throttle.optionsRequested(source);
        Authentication who = principal == null ? null : named(principal.username());
        PublicKeyCredentialRequestOptions options = rp.operations()
                .createCredentialRequestOptions(new ImmutablePublicKeyCredentialRequestOptionsRequest(who));
        challenges.save(response, options);
        return options;
    }

    /**
     * Verifies an assertion. With a principal it is that user's second factor or step-up (the
     * credential must be theirs); without one it signs in passwordless.
     */
    public WorkforcePrincipal authenticate(
            @Nullable WorkforcePrincipal principal,
            PublicKeyCredential<AuthenticatorAssertionResponse> assertion,
            String source,
            HttpServletRequest request,
            HttpServletResponse response) {
        throttle.checkWebAuthn(source);
        PublicKeyCredentialRequestOptions options = challenges.take(request, response);
        Optional<WorkforceUser> user = Optional.empty();
        String reason = "no-challenge";
        if (options != null) {
            try {
                PublicKeyCredentialUserEntity entity =
                        rp.operations().authenticate(new RelyingPartyAuthenticationRequest(options, assertion));
                user = users.findByUsername(entity.getName());
                reason = user.isEmpty() || !user.get().enabled() ? "account-disabled" : null;
                if (reason == null && principal != null && !user.get().id().equals(principal.id())) {
                    reason = "credential-of-another-user";
                }
            } catch (RuntimeException e) {
                reason = "webauthn-rejected";
            }
        }
        if (reason == null) {
            WorkforceUser u = user.orElseThrow();
            if (principal != null) {
                return signIn.succeeded(principal, "webauthn", clock.instant());
            }
            WorkforcePrincipal fresh = new WorkforcePrincipal(
                    u.id(), u.username(), u.roles(), clock.instant(), null, null, SignIn.newRef());
            return signIn.succeeded(fresh, "webauthn-passwordless", clock.instant());
        }
        audit.record((principal != null
                        ? audit.by(principal, "auth.mfa.verify", Outcome.DENIED, reason)
                        : audit.event("auth.login", Outcome.DENIED, reason).session(null, "webauthn"))
                .resource("factor", "webauthn"));
        UUID userId = principal == null ? null : principal.id();
        signIn.audited(
                throttle.webAuthnFailed(principal == null ? null : principal.username(), userId, source), userId);
        throw IdentityFailure.webauthnFailed();
    }

    private static Authentication named(String username) {
        return UsernamePasswordAuthenticationToken.authenticated(username, null, List.of());
    }
}
