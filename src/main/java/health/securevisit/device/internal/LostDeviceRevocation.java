package health.securevisit.device.internal;

import health.securevisit.device.DeviceRevocation;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link DeviceRevocation} as the lost-device response ({@link LostDevices#report}). */
@Component
class LostDeviceRevocation implements DeviceRevocation {

    private final LostDevices lost;

    LostDeviceRevocation(LostDevices lost) {
        this.lost = lost;
    }

    @Override
    public Revoked revoke(UUID deviceId) {
        MdmCommands.Command command = lost.report(deviceId);
        return new Revoked(deviceId, command.action(), command.status());
    }
}
