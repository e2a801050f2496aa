package health.securevisit.visit.internal;

import health.securevisit.access.VisitFacts;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The facts of visits this request has just read, so that the access decision about them does not
 * read them again (a PHI read would otherwise load its visit twice). Scoped to one HTTP request; a
 * visit written in the request is forgotten, so a decision never sees facts older than the request's
 * own reads.
 */
final class RequestVisitFacts {

    private static final String PREFIX = RequestVisitFacts.class.getName() + ".";

    private RequestVisitFacts() {}

    static void remember(Visit visit) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(
                    PREFIX + visit.id(),
                    new VisitFacts(
                            visit.id(),
                            visit.patientId(),
                            visit.clinicianIds(),
                            visit.start(),
                            visit.end(),
                            visit.identityVerified(),
                            visit.status().closed()),
                    RequestAttributes.SCOPE_REQUEST);
        }
    }

    static Optional<VisitFacts> recall(UUID visitId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request != null
                        && request.getAttribute(PREFIX + visitId, RequestAttributes.SCOPE_REQUEST)
                                instanceof VisitFacts facts
                ? Optional.of(facts)
                : Optional.empty();
    }

    static void forget(UUID visitId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(PREFIX + visitId, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
