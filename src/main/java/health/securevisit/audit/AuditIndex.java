package health.securevisit.audit;

/**
 * The audit trail's tables as a reader of the database sees them. On the embedded database a record
 * is acknowledged once journaled and reaches the tables a moment later; {@link #awaitIndexed} waits
 * for that, so a copy of the database taken afterwards holds every record acknowledged before the
 * call. On PostgreSQL records are in the tables when acknowledged and it returns at once.
 */
public interface AuditIndex {

    /**
     * Returns once every record acknowledged before the call is in the tables.
     *
     * @throws AuditUnavailableException if the index cannot commit within the record timeout
     */
    void awaitIndexed();
}
