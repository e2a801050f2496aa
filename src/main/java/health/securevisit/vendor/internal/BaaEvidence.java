package health.securevisit.vendor.internal;

import health.securevisit.platform.EvidenceSource;
import health.securevisit.platform.VendorAgreements.Standing;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code vendor.baa-current}: every vendor in the register has a BAA in force and verified within the
 * year (current, or due for review inside the reminder window); vendors whose BAA is missing or
 * expired, or whose yearly verification lapsed, fail by register key.
 */
@Component
class BaaEvidence implements EvidenceSource {

    static final String CHECK = "vendor.baa-current";

    private final VendorService vendors;
    private final Clock clock;

    BaaEvidence(VendorService vendors, Clock clock) {
        this.vendors = vendors;
        this.clock = clock;
    }

    @Override
    public List<Evidence> evidence() {
        Instant now = clock.instant();
        Map<String, Standing> standings = vendors.standings();
        if (standings.isEmpty()) {
            return List.of(Evidence.none(CHECK, now, "the vendor register is empty"));
        }
        List<String> failing = standings.entrySet().stream()
                .filter(e -> !e.getValue().permitsPhi())
                .map(e -> "vendor:" + e.getKey() + " " + e.getValue().name().toLowerCase())
                .sorted()
                .toList();
        String summary =
                (standings.size() - failing.size()) + " of " + standings.size() + " vendors have a current BAA";
        return List.of(
                failing.isEmpty() ? Evidence.pass(CHECK, now, summary) : Evidence.fail(CHECK, now, summary, failing));
    }
}
