package health.securevisit.audit.internal;

import java.io.IOException;
import java.util.List;

/**
 * A destination of the export. {@link #deliver} returns only when the entries are handed over (written
 * and synced, or sent); it throws if any was not, and the batch is retried from the sink's cursor.
 * Delivery is at least once: after a failure an entry may arrive twice (its {@code seq} tells).
 */
interface ExportSink extends AutoCloseable {

    String name();

    void deliver(List<StoredEntry> batch) throws IOException;

    @Override
    void close();
}
