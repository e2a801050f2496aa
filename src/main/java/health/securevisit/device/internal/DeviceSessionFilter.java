package health.securevisit.device.internal;

import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.internal.ProblemWriter;
import health.securevisit.platform.internal.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs on every request of a signed-in session, after Spring Security: it decides which bound device
 * (if any) the request proves it comes from, and hands that to the principal for this request only.
 * A request counts as coming from the device when the session holds a proof for it, the request
 * carries the device cookie handed out with that proof, the proof is younger than
 * {@code SECUREVISIT_DEVICE_PROOF_MAX_AGE} and newer than the session's latest MFA step (sign-in or
 * step-up), and the device is still bound to the principal. A session whose proved device was
 * revoked (reported lost) ends at once: 401 {@code device-revoked} with
 * {@code Clear-Site-Data: "cache", "cookies", "storage"}.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class DeviceSessionFilter extends OncePerRequestFilter {

    static final String CLEAR_SITE_DATA = "\"cache\", \"cookies\", \"storage\"";

    private final CurrentWorkforceUser current;
    private final Devices devices;
    private final DeviceSettings settings;
    private final ProblemWriter problems;
    private final Clock clock;

    DeviceSessionFilter(
            CurrentWorkforceUser current,
            Devices devices,
            DeviceSettings settings,
            ProblemWriter problems,
            Clock clock) {
        this.current = current;
        this.devices = devices;
        this.settings = settings;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<WorkforcePrincipal> principal = current.current();
        HttpSession session = request.getSession(false);
        if (principal.isEmpty() || session == null) {
            chain.doFilter(request, response);
            return;
        }
        String deviceId = null;
        if (session.getAttribute(DeviceProof.ATTRIBUTE) instanceof DeviceProof proof) {
            Optional<Device> device = devices.find(proof.deviceId());
            if (device.isEmpty() || device.get().binding() == Device.Binding.REVOKED) {
                current.endSession("device-revoked");
                response.setHeader("Clear-Site-Data", CLEAR_SITE_DATA);
                problems.write(
                        request,
                        response,
                        Problems.of(
                                HttpStatus.UNAUTHORIZED,
                                "device-revoked",
                                "This device was reported lost or stolen; its sessions have ended."));
                return;
            }
            if (valid(proof, request, principal.get(), device.get(), clock.instant())) {
                deviceId = proof.deviceId().toString();
            }
        }
        current.actFromDevice(deviceId);
        chain.doFilter(request, response);
    }

    private boolean valid(
            DeviceProof proof, HttpServletRequest request, WorkforcePrincipal principal, Device device, Instant now) {
        String cookie = cookie(request);
        Instant mfaAt = principal.mfaAt();
        return cookie != null
                && MessageDigest.isEqual(
                        DeviceBinding.sha256(cookie).getBytes(StandardCharsets.US_ASCII),
                        proof.cookieHash().getBytes(StandardCharsets.US_ASCII))
                && mfaAt != null
                && !proof.provenAt().isBefore(mfaAt)
                && !now.isAfter(proof.provenAt().plus(settings.proofMaxAge()))
                && device.binding() == Device.Binding.BOUND
                && device.ownerId().equals(principal.id());
    }

    private static @Nullable String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (DeviceProof.COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }
}
