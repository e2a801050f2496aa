package health.securevisit.vendor.web;

import health.securevisit.vendor.internal.PhiCategory;
import health.securevisit.vendor.internal.VendorService;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The security officer's vendor page: reminders, the outbound integrations with what the egress gate
 * decides for each, and the register (server-rendered; the forms call the JSON API from
 * {@code console.js}). The listing is audited like the API's.
 */
@Controller
@PreAuthorize("hasAnyRole('SECURITY_OFFICER','AUDITOR')")
class VendorPages {

    private final VendorService vendors;
    private final VendorApiController api;

    VendorPages(VendorService vendors, VendorApiController api) {
        this.vendors = vendors;
        this.api = api;
    }

    @GetMapping("/console/vendors")
    String list(Model model) {
        List<VendorApiController.VendorJson> all = vendors.list(null).stream()
                .map(VendorApiController.VendorJson::of)
                .toList();
        model.addAttribute("vendors", all);
        model.addAttribute(
                "reminders", all.stream().filter(v -> v.reminder() != null).toList());
        model.addAttribute("egress", api.egress().integrations());
        model.addAttribute("categories", PhiCategory.values());
        return "vendor/list";
    }
}
