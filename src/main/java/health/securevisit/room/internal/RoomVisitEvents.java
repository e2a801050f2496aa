package health.securevisit.room.internal;

import health.securevisit.visit.VisitStatusChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells a visit's room when the visit moves on (the identity step, admission, the end). */
@Component
class RoomVisitEvents {

    private final RoomSignaling signaling;

    RoomVisitEvents(RoomSignaling signaling) {
        this.signaling = signaling;
    }

    @EventListener
    void on(VisitStatusChanged changed) {
        signaling.statusChanged(changed.visitId(), changed.status());
    }
}
