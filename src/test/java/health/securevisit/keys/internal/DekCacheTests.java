package health.securevisit.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The unwrapped data-key cache is bounded in size and age, and never keeps a key destroyed during its load. */
class DekCacheTests {

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MutableClock clock = new MutableClock();
    final DekCache cache = new DekCache(2, Duration.ofMinutes(5), clock);

    @Test
    void evictsTheLeastRecentlyUsedBeyondItsBound() {
        cache.put("a", "A", cache.epoch());
        cache.put("b", "B", cache.epoch());
        assertThat(cache.get("a", String.class)).isEqualTo("A");
        cache.put("c", "C", cache.epoch());
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("b", String.class)).isNull();
        assertThat(cache.get("a", String.class)).isEqualTo("A");
    }

    @Test
    void expiresEntriesAfterTheirTimeToLive() {
        cache.put("a", "A", cache.epoch());
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThat(cache.get("a", String.class)).isNull();
    }

    @Test
    void aKeyDestroyedWhileItWasLoadingIsNotCached() {
        long loadStarted = cache.epoch();
        cache.evict(List.of("a")); // shredded meanwhile
        cache.put("a", "A", loadStarted);
        assertThat(cache.get("a", String.class)).isNull();
    }
}
