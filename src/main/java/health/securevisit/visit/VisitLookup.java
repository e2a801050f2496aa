package health.securevisit.visit;

import java.util.Optional;
import java.util.UUID;

/**
 * Reads a visit's facts for modules that keep records of it (forms, consent, recordings). It does
 * not decide access and does not audit: the caller hands the facts to the access decision point.
 */
public interface VisitLookup {

    Optional<VisitRecordFacts> find(UUID visitId);
}
