package health.securevisit.visit.internal;

import health.securevisit.visit.VisitStatusChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Announces lifecycle changes ({@link VisitStatusChanged}) once they are stored. */
@Component
class VisitEvents {

    private final ApplicationEventPublisher publisher;

    VisitEvents(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    void changed(Visit visit) {
        publisher.publishEvent(new VisitStatusChanged(visit.id(), visit.status().name()));
    }
}
