package health.securevisit.audit;

import java.time.Instant;
import java.util.List;

/**
 * Reads the trail's committed entries in sequence order, for modules that react to the trail as it
 * is written (detection) from a durable cursor of their own. Reading never touches the append path:
 * it queries the stored entries only, so a slow reader adds no latency to {@link AuditTrail#record}.
 */
public interface AuditFeed {

    /** One committed entry: its sequence number, its time (UTC) and the event. */
    record Entry(long sequence, Instant time, AuditEvent event) {}

    /**
     * Up to {@code max} entries with a sequence number at or after {@code fromSequence}, in order.
     *
     * @throws AuditUnavailableException if the trail cannot be read
     */
    List<Entry> read(long fromSequence, int max);

    /**
     * The sequence number of the first entry recorded at or after {@code time}, or the next sequence
     * number to be written when there is none.
     */
    long firstSequenceAt(Instant time);

    /**
     * The distinct patient ids of successful entries by {@code actorId} recorded in [{@code from},
     * {@code to}), at most {@code max}: whose data an account touched in a time window.
     */
    List<String> patientsTouchedBy(String actorId, Instant from, Instant to, int max);
}
