package health.securevisit.device.internal;

import health.securevisit.access.DeviceStanding;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/** The session side of a device proof: what the session remembers and what this request proved. */
@Component
public class SessionDevices {

    private final CurrentWorkforceUser current;
    private final InventoryPostures postures;
    private final DeviceSettings settings;

    SessionDevices(CurrentWorkforceUser current, InventoryPostures postures, DeviceSettings settings) {
        this.current = current;
        this.postures = postures;
        this.settings = settings;
    }

    /** The device this request proved (null: none) and its standing. */
    public record Current(@Nullable UUID deviceId, DeviceStanding standing) {}

    /**
     * Stores the accepted proof in the session (the cookie's hash only) and sets the device cookie:
     * {@code __Host-} prefixed, Secure, HttpOnly, SameSite=Strict, living as long as the proof counts.
     */
    public void remember(DeviceBinding.Proved proved, HttpServletRequest request, HttpServletResponse response) {
        request.getSession()
                .setAttribute(
                        DeviceProof.ATTRIBUTE,
                        new DeviceProof(
                                proved.deviceId(),
                                DeviceBinding.sha256(proved.cookie()),
                                proved.validUntil().minus(settings.proofMaxAge())));
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                ResponseCookie.from(DeviceProof.COOKIE, proved.cookie())
                        .path("/")
                        .secure(true)
                        .httpOnly(true)
                        .sameSite("Strict")
                        .maxAge(settings.proofMaxAge())
                        .build()
                        .toString());
        current.actFromDevice(proved.deviceId().toString());
    }

    public Current current() {
        WorkforcePrincipal me = current.current().orElseThrow(DeviceFailure::notYours);
        DeviceStanding standing = postures.standingOf(me.id(), me.deviceId());
        UUID id = me.deviceId() == null ? null : UUID.fromString(me.deviceId());
        return new Current(id, standing);
    }
}
