package health.securevisit.detection.internal;

import java.time.Instant;

/**
 * What our own modifiers ask beyond the entry itself. Implemented over the live modules (care
 * relationships from the visit module, the workforce-patient register's blind-index matches, the
 * per-user hour profile the engine learns from the stream); tests pass their own.
 */
interface Facts {

    /** Whether the clinician {@code actorId} is or was on a care team of {@code patientId}. */
    boolean hasCareRelationship(String actorId, String patientId);

    /** Whether {@code patientId} is registered as a workforce member's own patient record. */
    boolean isWorkforceMember(String patientId);

    /** Whether {@code time} is outside {@code actorId}'s usual hours. */
    boolean outsideUsualHours(String actorId, Instant time);
}
