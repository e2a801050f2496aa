package health.securevisit.platform;

import java.util.Map;

/**
 * The egress gate's view of the vendor register (implemented by the vendor module; the platform
 * cannot depend on it). A vendor absent from {@link #standings()} is unknown.
 */
public interface VendorAgreements {

    /** Where a vendor's business associate agreement stands today. */
    enum Standing {
        /** A signed BAA in force, verified within the year. */
        CURRENT,
        /** In force, but its expiry or yearly verification is within the reminder window. */
        REVIEW_DUE,
        /** Past its expiry, not yet effective, or its yearly verification lapsed. */
        EXPIRED,
        /** No BAA on file. */
        MISSING;

        /** Whether PHI may be sent to a vendor in this standing. */
        public boolean permitsPhi() {
            return this == CURRENT || this == REVIEW_DUE;
        }
    }

    /** Every known vendor key with its standing now (one query; the gate caches it briefly). */
    Map<String, Standing> standings();
}
