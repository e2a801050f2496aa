package health.securevisit.room.web;

import health.securevisit.identity.CurrentWorkforceUser;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The clinician's visit room page. It is a shell like the visit pages: it carries no PHI, and its
 * script enters the room through the WebSocket and the room API, which take the access decision
 * (care team, visit window, fresh MFA) and audit it. Anonymous visitors go to the login page.
 */
@Controller
class RoomPages {

    private final CurrentWorkforceUser current;

    RoomPages(CurrentWorkforceUser current) {
        this.current = current;
    }

    @GetMapping("/visits/{id}/room")
    String room(@PathVariable UUID id, Model model) {
        if (current.current().isEmpty()) {
            return "redirect:/login";
        }
        model.addAttribute("visitId", id.toString());
        model.addAttribute("clinician", true);
        return "room/room";
    }
}
