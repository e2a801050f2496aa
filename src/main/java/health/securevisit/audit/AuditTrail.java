package health.securevisit.audit;

/**
 * The one audit API every module uses.
 *
 * <p>Guarantees: {@link #record} returns only once the event is recorded, in its own unit of work
 * (an event stays recorded even when the caller's transaction rolls back). "Recorded" means, per
 * database:
 *
 * <ul>
 *   <li><b>Embedded H2, {@code SECUREVISIT_AUDIT_JOURNAL_FORCE=true} (the default):</b> the event is
 *       sequenced, hashed onto the tree and its record forced to the storage device in the audit
 *       journal ({@code msync}; one group force covers every record stored before it). It survives a
 *       crash of the process or of the operating system and a power loss, as far as the device
 *       honours flushes; it reaches the trail's tables shortly after (or is replayed into them at the
 *       next start), and the trail's readers wait for that.
 *   <li><b>Embedded H2, {@code SECUREVISIT_AUDIT_JOURNAL_FORCE=false}:</b> the record is in the
 *       operating system's page cache. It survives a crash of the process, not a crash of the
 *       operating system or a power loss; every start logs a warning.
 *   <li><b>PostgreSQL:</b> the transaction holding the event has committed on the server. What the
 *       server promises at commit is its {@code synchronous_commit} setting: {@code on} (the
 *       default) means the commit's WAL is flushed to the server's disk, and, with {@code
 *       synchronous_standby_names} set, also flushed on the synchronous standbys ({@code
 *       remote_write}: written there, not flushed; {@code remote_apply}: applied there; {@code
 *       local}: the local flush only). {@code off} acknowledges before the flush, so a server crash
 *       can lose the last recorded events: run SecureVisit's database with it on.
 * </ul>
 *
 * <p>If the event cannot be recorded (or not within {@code SECUREVISIT_AUDIT_RECORD_TIMEOUT}) it
 * throws {@link AuditUnavailableException}, and the caller must fail its request (fail closed): no
 * PHI leaves without a durable record of the access.
 */
public interface AuditTrail {

    AuditRecord record(AuditEvent event);
}
