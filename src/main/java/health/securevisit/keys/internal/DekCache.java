package health.securevisit.keys.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Unwrapped data-key primitives, bounded in size (least recently used go first) and in age, so that
 * a busy patient record does not unwrap its key on every field. Destroying keys evicts them and
 * bumps an epoch: a load that started before the destruction is not cached.
 */
final class DekCache {

    private record Cached(Object primitive, Instant loaded) {}

    private final int capacity;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, Cached> entries;
    private long epoch;

    DekCache(int capacity, Duration ttl, Clock clock) {
        this.capacity = capacity;
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > DekCache.this.capacity;
            }
        };
    }

    synchronized long epoch() {
        return epoch;
    }

    synchronized <T> @Nullable T get(String name, Class<T> type) {
        Cached entry = entries.get(name);
        if (entry == null) {
            return null;
        }
        if (entry.loaded().plus(ttl).isBefore(clock.instant()) || !type.isInstance(entry.primitive())) {
            entries.remove(name);
            return null;
        }
        return type.cast(entry.primitive());
    }

    /** Caches a primitive loaded when the epoch was {@code loadedAtEpoch}, unless keys were destroyed since. */
    synchronized void put(String name, Object primitive, long loadedAtEpoch) {
        if (capacity > 0 && loadedAtEpoch == epoch) {
            entries.put(name, new Cached(primitive, clock.instant()));
        }
    }

    synchronized void evict(Collection<String> names) {
        epoch++;
        names.forEach(entries::remove);
    }

    synchronized int size() {
        return entries.size();
    }
}
