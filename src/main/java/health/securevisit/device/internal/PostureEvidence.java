package health.securevisit.device.internal;

import health.securevisit.access.DevicePosture;
import health.securevisit.access.DeviceStanding;
import health.securevisit.platform.EvidenceSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code device.compliance}: every device in the inventory that is not revoked has a compliant
 * posture (evidence fresh, disk encryption, screen lock, antivirus, OS version, MDM with remote wipe
 * for BYOD, as the posture rules decide); the others fail, by device id with their failing checks.
 */
@Component
class PostureEvidence implements EvidenceSource {

    static final String CHECK = "device.compliance";
    static final int PAGE = 500;

    private final Devices devices;
    private final InventoryPostures postures;
    private final Clock clock;

    PostureEvidence(Devices devices, InventoryPostures postures, Clock clock) {
        this.devices = devices;
        this.postures = postures;
        this.clock = clock;
    }

    @Override
    public List<Evidence> evidence() {
        Instant now = clock.instant();
        List<String> failing = new ArrayList<>();
        int assessed = 0;
        List<Device> page;
        int offset = 0;
        do {
            page = devices.search(null, offset, PAGE);
            for (Device d : page) {
                if (d.binding() == Device.Binding.REVOKED) {
                    continue;
                }
                assessed++;
                DeviceStanding standing = postures.standing(d);
                if (standing.posture() != DevicePosture.COMPLIANT) {
                    failing.add("device:" + d.id() + " "
                            + standing.posture().name().toLowerCase() + " " + standing.failingChecks());
                }
            }
            offset += page.size();
        } while (page.size() == PAGE);
        if (assessed == 0) {
            return List.of(Evidence.none(CHECK, now, "no device in the inventory"));
        }
        String summary = (assessed - failing.size()) + " of " + assessed + " devices compliant";
        return List.of(
                failing.isEmpty() ? Evidence.pass(CHECK, now, summary) : Evidence.fail(CHECK, now, summary, failing));
    }
}
