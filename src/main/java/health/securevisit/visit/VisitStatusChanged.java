package health.securevisit.visit;

import java.util.UUID;

/**
 * Published when a visit moves to another lifecycle state (a patient joined, the identity step, a
 * transition, the call's start or end), after the change is stored. No PHI: ids and the state.
 */
public record VisitStatusChanged(UUID visitId, String status) {}
