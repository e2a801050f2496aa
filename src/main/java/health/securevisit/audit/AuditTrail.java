package health.securevisit.audit;

/**
 * The one audit API every module uses.
 *
 * <p>Guarantees: {@link #record} returns only once the event is committed to durable storage, in
 * its own transaction (an event stays recorded even when the caller's transaction rolls back). If
 * the event cannot be stored it throws {@link AuditUnavailableException}, and the caller must fail
 * its request (fail closed): no PHI leaves without a durable record of the access.
 */
public interface AuditTrail {

    AuditRecord record(AuditEvent event);
}
