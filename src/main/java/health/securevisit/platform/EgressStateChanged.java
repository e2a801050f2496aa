package health.securevisit.platform;

import java.time.Instant;

/**
 * Published by the {@link EgressGate} (through the event publication registry) when an integration
 * changes between permitted and refused: once per change, not once per message held back.
 *
 * @param integration the integration's settings name
 * @param vendor its vendor key
 * @param standing the vendor's BAA standing that decided
 * @param permitted whether sending is permitted now
 * @param at when the gate saw the change
 */
public record EgressStateChanged(
        String integration, String vendor, VendorAgreements.Standing standing, boolean permitted, Instant at) {

    /** The audit action of this change. */
    public String action() {
        return permitted ? "egress.resumed" : "egress.refused";
    }
}
