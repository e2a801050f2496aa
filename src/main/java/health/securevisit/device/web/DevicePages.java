package health.securevisit.device.web;

import health.securevisit.device.internal.ExceptionSettings;
import health.securevisit.device.internal.Inventory;
import health.securevisit.device.internal.PostureRules;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The device pages: "This device" for every workforce member, the inventory for security officers
 * with its posture exceptions (its search is audited as {@code device.list}). Anonymous visitors are sent to the login page.
 */
@Controller
class DevicePages {

    private final CurrentWorkforceUser current;
    private final Inventory inventory;
    private final ExceptionSettings exceptions;

    DevicePages(CurrentWorkforceUser current, Inventory inventory, ExceptionSettings exceptions) {
        this.current = current;
        this.inventory = inventory;
        this.exceptions = exceptions;
    }

    @GetMapping("/account/device")
    String mine() {
        return current.current().isPresent() ? "device/mine" : "redirect:/login";
    }

    @GetMapping("/security/devices")
    String inventory(@RequestParam(required = false) @Nullable String q, Model model) {
        Optional<WorkforcePrincipal> me = current.current();
        if (me.isEmpty()) {
            return "redirect:/login";
        }
        if (!me.get().roles().contains(Role.SECURITY_OFFICER)) {
            return "redirect:/account/device";
        }
        String query = q == null || q.length() > 64 ? null : q;
        model.addAttribute("q", query);
        model.addAttribute("devices", inventory.search(query, 0, 200));
        model.addAttribute(
                "exceptableChecks", PostureRules.EXCEPTABLE.stream().sorted().toList());
        model.addAttribute("exceptionMaxDays", exceptions.maxDuration().toDays());
        return "device/inventory";
    }
}
