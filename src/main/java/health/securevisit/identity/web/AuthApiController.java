package health.securevisit.identity.web;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.identity.internal.IdentityAudit;
import health.securevisit.identity.internal.IdentityFailure;
import health.securevisit.identity.internal.SessionControl;
import health.securevisit.identity.internal.SignIn;
import health.securevisit.identity.internal.TotpEnrollment;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The scriptable sign-in API: password, then TOTP (or a recovery code), session info, logout. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "auth", description = "Sign-in with a password and a second factor; sessions")
class AuthApiController {

    record LoginRequest(
            @NotBlank @Size(max = 64) String username,
            @NotBlank @Size(max = 1024) String password) {
        @Override
        public String toString() {
            return "LoginRequest[username=" + username + ", password=***]";
        }
    }

    record CodeRequest(@NotBlank @Size(max = 64) String code) {
        @Override
        public String toString() {
            return "CodeRequest[code=***]";
        }
    }

    record Next(String next) {}

    record TotpStarted(String secret, String otpauthUri, String qrCode) {}

    record Confirmed(String next, List<String> recoveryCodes) {}

    record CsrfInfo(String headerName, String parameterName, String token) {}

    record SessionInfo(
            String userId,
            String username,
            Set<Role> roles,
            boolean mfaSatisfied,
            @Nullable String mfaMethod,
            @Nullable Instant mfaAt,
            Instant signedInAt,
            String next) {}

    private final SignIn signIn;
    private final TotpEnrollment enrollment;
    private final SessionControl sessions;
    private final CsrfTokenRepository csrf;
    private final IdentityAudit audit;

    AuthApiController(
            SignIn signIn,
            TotpEnrollment enrollment,
            SessionControl sessions,
            CsrfTokenRepository csrf,
            IdentityAudit audit) {
        this.signIn = signIn;
        this.enrollment = enrollment;
        this.sessions = sessions;
        this.csrf = csrf;
        this.audit = audit;
    }

    @GetMapping("/csrf")
    @Operation(summary = "The CSRF token: send it in the X-XSRF-TOKEN header of every POST, PUT, PATCH, DELETE")
    CsrfInfo csrf(HttpServletRequest request, HttpServletResponse response) {
        CsrfToken token = csrf.loadDeferredToken(request, response).get();
        return new CsrfInfo(token.getHeaderName(), token.getParameterName(), token.getToken());
    }

    @PostMapping("/login")
    @Operation(summary = "First step: username and password; answers which MFA step comes next")
    Next login(@Valid @RequestBody LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
        WorkforcePrincipal principal = signIn.password(body.username(), body.password(), request.getRemoteAddr());
        sessions.establish(principal, request, response);
        return new Next(signIn.next(principal));
    }

    @PostMapping("/totp/enrollment")
    @Operation(summary = "Start enrolling an authenticator app: the secret, otpauth:// URI and QR code")
    TotpStarted startTotp() {
        TotpEnrollment.Started started = enrollment.begin(signedIn());
        return new TotpStarted(started.secret(), started.otpauthUri(), started.qrCode());
    }

    @PostMapping("/totp/enrollment/confirm")
    @Operation(summary = "Confirm the authenticator app with its first code; returns the recovery codes once")
    Confirmed confirmTotp(
            @Valid @RequestBody CodeRequest body, HttpServletRequest request, HttpServletResponse response) {
        TotpEnrollment.Confirmed confirmed = enrollment.confirm(signedIn(), body.code(), request.getRemoteAddr());
        sessions.establish(confirmed.principal(), request, response);
        return new Confirmed("done", confirmed.recoveryCodes());
    }

    @PostMapping("/totp/verify")
    @Operation(summary = "Second step (or step-up): a TOTP code, accepted once")
    Next verifyTotp(@Valid @RequestBody CodeRequest body, HttpServletRequest request, HttpServletResponse response) {
        WorkforcePrincipal done = signIn.totp(signedIn(), body.code(), request.getRemoteAddr());
        sessions.establish(done, request, response);
        return new Next("done");
    }

    @PostMapping("/recovery/verify")
    @Operation(summary = "Second step with a single-use recovery code instead of the usual factor")
    Next verifyRecovery(
            @Valid @RequestBody CodeRequest body, HttpServletRequest request, HttpServletResponse response) {
        WorkforcePrincipal done = signIn.recoveryCode(signedIn(), body.code(), request.getRemoteAddr());
        sessions.establish(done, request, response);
        return new Next("done");
    }

    @GetMapping("/session")
    @Operation(summary = "Who is signed in, their roles, and the MFA method and time")
    SessionInfo session() {
        WorkforcePrincipal p = signedIn();
        return new SessionInfo(
                p.id().toString(),
                p.username(),
                p.mfaSatisfied() ? new TreeSet<>(p.roles()) : Set.of(),
                p.mfaSatisfied(),
                p.mfaMethod(),
                p.mfaAt(),
                p.signedInAt(),
                signIn.next(p));
    }

    @PostMapping("/logout")
    @Operation(summary = "End the session on the server")
    ResponseEntity<Map<String, Object>> logout(HttpServletRequest request) {
        SessionControl.principal()
                .ifPresent(p -> audit.record(audit.by(p, "auth.logout", Outcome.SUCCESS, "user-logout")));
        sessions.end(request);
        return ResponseEntity.noContent().build();
    }

    static WorkforcePrincipal signedIn() {
        return SessionControl.principal().orElseThrow(IdentityFailure::wrongStep);
    }
}
