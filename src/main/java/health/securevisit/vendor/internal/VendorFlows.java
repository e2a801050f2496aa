package health.securevisit.vendor.internal;

import health.securevisit.platform.PhiFlowContributor;
import health.securevisit.platform.PhiFlowMap;
import org.springframework.stereotype.Component;

/** Puts every registered vendor on the PHI data-flow map, labelled with its BAA standing. */
@Component
class VendorFlows implements PhiFlowContributor {

    private final VendorService vendors;

    VendorFlows(VendorService vendors) {
        this.vendors = vendors;
    }

    @Override
    public void contribute(PhiFlowMap.Builder map) {
        for (VendorView v : vendors.views()) {
            map.node(
                    "vendor:" + v.vendor().key(),
                    v.vendor().name() + " (BAA " + v.statusCode() + ")",
                    PhiFlowMap.Kind.VENDOR,
                    null,
                    "received");
        }
    }
}
