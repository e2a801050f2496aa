package health.securevisit.device.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import health.securevisit.access.DevicePosture;
import health.securevisit.access.DeviceStanding;
import health.securevisit.access.PostureSources.DevicePostures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The access decision point's device posture, from the inventory and its evidence. A request without
 * a proved device, or from a device that is not bound to the principal, is UNKNOWN with the check
 * {@code device-not-bound}. Standings are cached for five seconds of the platform clock per device, never
 * past the expiry of an exception they used, and dropped at once when this node stores evidence, a lost
 * report or an exception grant or revocation (other nodes: within five seconds).
 */
@Component
public class InventoryPostures implements DevicePostures {

    private static final Duration TTL = Duration.ofSeconds(5);

    private final Devices devices;
    private final PostureReports reports;
    private final PostureExceptions exceptions;
    private final DeviceSettings settings;
    private final Clock clock;
    private final Cache<UUID, Cached> cache =
            Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(50_000).build();

    /** A standing and the platform-clock instant until which it holds (the next exception expiry at the latest). */
    private record Cached(DeviceStanding standing, Instant computedAt, Instant validUntil) {}

    InventoryPostures(
            Devices devices,
            PostureReports reports,
            PostureExceptions exceptions,
            DeviceSettings settings,
            Clock clock) {
        this.devices = devices;
        this.reports = reports;
        this.exceptions = exceptions;
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
        Instant now = clock.instant();
        Cached cached = cache.getIfPresent(device.id());
        if (cached == null || now.isBefore(cached.computedAt()) || !now.isBefore(cached.validUntil())) {
            List<PostureException> granted = exceptions.activeFor(device, now);
            Set<String> excepted = new HashSet<>();
            Instant validUntil = now.plus(TTL);
            for (PostureException e : granted) {
                excepted.add(e.check());
                if (e.expiresAt().isBefore(validUntil)) {
                    validUntil = e.expiresAt();
                }
            }
            cached = new Cached(
                    PostureRules.evaluate(device, reports.newest(device.id()), excepted, settings, now),
                    now,
                    validUntil);
            cache.put(device.id(), cached);
        }
        return cached.standing();
    }

    void forget(UUID deviceId) {
        cache.invalidate(deviceId);
    }

    /** Drops every cached standing (an exception for a group of devices was granted or revoked). */
    void forgetAll() {
        cache.invalidateAll();
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
