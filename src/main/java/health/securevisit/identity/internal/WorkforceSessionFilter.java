package health.securevisit.identity.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.internal.ProblemWriter;
import health.securevisit.platform.internal.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces the session rules on every request of a signed-in session: the idle timeout and the
 * absolute limit (audited as {@code auth.session.timeout}), a disabled or deleted account ends its
 * sessions at once, role changes apply on the next request (see {@link SessionAccounts}), and a
 * session without MFA reaches only the MFA steps (403 {@code mfa-required} for the API, a redirect
 * to the MFA page for pages).
 */
public final class WorkforceSessionFilter extends OncePerRequestFilter {

    /**
     * Reachable with a password alone: the MFA steps themselves, session info, logout, and signing
     * in anew (which replaces the half-finished session).
     */
    static final Set<String> MFA_STEPS = Set.of(
            "/api/v1/auth/login",
            "/login",
            "/api/v1/auth/session",
            "/api/v1/auth/logout",
            "/api/v1/auth/csrf",
            "/api/v1/auth/factors",
            "/api/v1/auth/totp/enrollment",
            "/api/v1/auth/totp/enrollment/confirm",
            "/api/v1/auth/totp/verify",
            "/api/v1/auth/recovery/verify",
            "/api/v1/auth/webauthn/registration/options",
            "/api/v1/auth/webauthn/registration",
            "/api/v1/auth/webauthn/authentication/options",
            "/api/v1/auth/webauthn/authentication",
            "/mfa",
            "/mfa/enroll",
            "/mfa/totp",
            "/mfa/totp/confirm",
            "/mfa/recovery",
            "/mfa/recovery-codes",
            "/logout");

    private final IdentitySettings.Session settings;
    private final SessionAccounts accounts;
    private final SessionControl sessions;
    private final IdentityAudit audit;
    private final ProblemWriter problems;
    /**
     * The application clock's time of the session's last request: the idle limit is measured on the same
     * clock as everything else (the container's own last-access time is only the fallback).
     */
    static final String LAST_SEEN = WorkforceSessionFilter.class.getName() + ".lastSeen";

    private final Clock clock;

    WorkforceSessionFilter(
            IdentitySettings settings,
            SessionAccounts accounts,
            SessionControl sessions,
            IdentityAudit audit,
            ProblemWriter problems,
            Clock clock) {
        this.settings = settings.session();
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<WorkforcePrincipal> signedIn = SessionControl.principal();
        HttpSession session = request.getSession(false);
        if (signedIn.isEmpty() || session == null) {
            if (signedIn.isEmpty() && needsSignIn(path(request))) {
                response.sendRedirect("/login");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        WorkforcePrincipal principal = signedIn.get();
        Instant now = clock.instant();
        String ended = endReason(principal, session, now);
        if (ended == null) {
            ended = refresh(principal, request, response);
        }
        if (ended == null) {
            session.setAttribute(LAST_SEEN, now);
        }
        if (ended != null) {
            audit.record(audit.by(
                    principal,
                    ended.equals("account-disabled") ? "auth.session.end" : "auth.session.timeout",
                    Outcome.SUCCESS,
                    ended));
            sessions.end(request);
        } else if (!SessionControl.principal().orElseThrow().mfaSatisfied() && !reachableDuringMfa(path(request))) {
            if (path(request).startsWith("/api/")) {
                problems.write(
                        request,
                        response,
                        Problems.of(
                                HttpStatus.FORBIDDEN,
                                "mfa-required",
                                IdentityFailure.mfaRequired().getMessage()));
            } else {
                response.sendRedirect("/mfa");
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private @Nullable String endReason(WorkforcePrincipal principal, HttpSession session, Instant now) {
        Instant lastSeen = session.getAttribute(LAST_SEEN) instanceof Instant seen
                ? seen
                : Instant.ofEpochMilli(session.getLastAccessedTime());
        Duration idle = Duration.between(lastSeen, now);
        if (!session.isNew() && idle.compareTo(settings.idleTimeout()) > 0) {
            return "idle";
        }
        if (Duration.between(principal.signedInAt(), now).compareTo(settings.absoluteTimeout()) > 0) {
            return "absolute";
        }
        return null;
    }

    private @Nullable String refresh(
            WorkforcePrincipal principal, HttpServletRequest request, HttpServletResponse response) {
        Optional<SessionAccounts.Account> user = accounts.of(principal.id());
        if (user.isEmpty() || !user.get().enabled()) {
            return "account-disabled";
        }
        if (!user.get().roles().equals(principal.roles())) {
            sessions.refresh(principal.withRoles(user.get().roles()), request, response);
        }
        return null;
    }

    /** Pages that only make sense signed in; anonymous visitors are sent to the login page. */
    static boolean needsSignIn(String path) {
        return path.startsWith("/account/") || path.startsWith("/admin/") || path.startsWith("/mfa");
    }

    static boolean reachableDuringMfa(String path) {
        return MFA_STEPS.contains(path) || path.startsWith("/js/") || path.startsWith("/css/");
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.length() > 1 && uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
