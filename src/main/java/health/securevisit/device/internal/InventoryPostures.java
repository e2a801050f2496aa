package health.securevisit.device.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import health.securevisit.access.DevicePosture;
import health.securevisit.access.DeviceStanding;
import health.securevisit.access.PostureSources.DevicePostures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The access decision point's device posture, from the inventory and its evidence. A request without
 * a proved device, or from a device that is not bound to the principal, is UNKNOWN with the check
 * {@code device-not-bound}. Standings are cached for five seconds per device and dropped at once when
 * this node stores evidence or a lost report (other nodes: within five seconds).
 */
@Component
public class InventoryPostures implements DevicePostures {

    private final Devices devices;
    private final PostureReports reports;
    private final DeviceSettings settings;
    private final Clock clock;
    private final Cache<UUID, DeviceStanding> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(5))
            .maximumSize(50_000)
            .build();

    InventoryPostures(Devices devices, PostureReports reports, DeviceSettings settings, Clock clock) {
        this.devices = devices;
        this.reports = reports;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public DevicePosture postureOf(UUID userId, @Nullable String deviceId) {
        return standingOf(userId, deviceId).posture();
    }

    @Override
    public DeviceStanding standingOf(UUID userId, @Nullable String deviceId) {
        UUID id = parse(deviceId);
        Optional<Device> device = id == null ? Optional.empty() : devices.find(id);
        if (device.isEmpty()
                || !device.get().ownerId().equals(userId)
                || device.get().binding() != Device.Binding.BOUND) {
            return new DeviceStanding(DevicePosture.UNKNOWN, List.of(PostureRules.DEVICE_NOT_BOUND));
        }
        return standing(device.get());
    }

    /** The standing of the device from its evidence (whether or not this request proved it). */
    DeviceStanding standing(Device device) {
        if (device.binding() == Device.Binding.REVOKED) {
            return new DeviceStanding(DevicePosture.NONCOMPLIANT, List.of(PostureRules.DEVICE_REVOKED));
        }
        return cache.get(
                device.id(),
                id -> PostureRules.evaluate(
                        device,
                        reports.newest(id),
                        reports.exceptedChecks(id, clock.instant()),
                        settings,
                        clock.instant()));
    }

    void forget(UUID deviceId) {
        cache.invalidate(deviceId);
    }

    private static @Nullable UUID parse(@Nullable String id) {
        if (id == null) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
