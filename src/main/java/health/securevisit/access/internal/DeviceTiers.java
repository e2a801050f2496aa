package health.securevisit.access.internal;

import health.securevisit.platform.StartupException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Device tiers ({@code securevisit.access.device.tiers.<name>.tolerates} and {@code .actions}): which
 * actions a device may perform given the posture checks it fails. A device passes for an action when
 * some tier tolerates every check it fails and lists the action (or {@code *}). With no tier set, the
 * defaults apply: {@code compliant} (tolerates nothing, every action) and {@code byod-without-mdm}
 * (tolerates only {@code byod-unmanaged}; visit list, visit read, joining a visit).
 *
 * <p>Only {@code byod-unmanaged} may be tolerated: a tier that tolerated disk encryption, screen lock,
 * antivirus, OS version, MDM with remote wipe for organisation devices or a stale report would be
 * weaker than the seed, and is refused at start-up. Single devices get a recorded, expiring exception
 * in the device module instead.
 */
@ConfigurationProperties("securevisit.access.device")
public record DeviceTiers(Map<String, Tier> tiers) {

    /** Checks a tier may tolerate. */
    static final Set<String> TOLERABLE = Set.of("byod-unmanaged");

    /** Every action. */
    static final String ANY = "*";

    /** One tier: the failing checks it tolerates and the access actions it allows. */
    public record Tier(Set<String> tolerates, Set<String> actions) {
        public Tier {
            tolerates = tolerates == null ? Set.of() : Set.copyOf(tolerates);
            actions = actions == null ? Set.of() : Set.copyOf(actions);
        }

        boolean allows(Collection<String> failing, String action) {
            return tolerates.containsAll(failing) && (actions.contains(ANY) || actions.contains(action));
        }
    }

    public DeviceTiers {
        tiers = tiers == null || tiers.isEmpty() ? defaultTiers() : Map.copyOf(new LinkedHashMap<>(tiers));
        tiers.forEach((name, tier) -> {
            for (String check : tier.tolerates()) {
                if (!TOLERABLE.contains(check)) {
                    throw new StartupException(
                            "SECUREVISIT_ACCESS_DEVICE_TIERS_" + name.toUpperCase(java.util.Locale.ROOT) + "_TOLERATES",
                            "may only tolerate " + TOLERABLE + " (record a device exception with an expiry instead)");
                }
            }
        });
    }

    public static DeviceTiers defaults() {
        return new DeviceTiers(Map.of());
    }

    static Map<String, Tier> defaultTiers() {
        return Map.of(
                "compliant", new Tier(Set.of(), Set.of(ANY)),
                "byod-without-mdm",
                        new Tier(
                                Set.of("byod-unmanaged"),
                                Set.of(
                                        "visit.list",
                                        "visit.read",
                                        "visit.join",
                                        "room.enter",
                                        "room.remain",
                                        "room.ice-servers",
                                        "room.admit",
                                        "room.end-visit")));
    }

    /** Whether a device failing {@code failing} may perform {@code action}. */
    public boolean allows(List<String> failing, String action) {
        return tiers.values().stream().anyMatch(t -> t.allows(failing, action));
    }
}
