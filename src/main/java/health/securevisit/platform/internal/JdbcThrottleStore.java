package health.securevisit.platform.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Throttle counts in PostgreSQL's {@code cluster_throttle} table; the swap is a conditional insert or
 * update. Rows whose count is over are deleted now and then (every {@value #SWEEP_EVERY} swaps).
 */
final class JdbcThrottleStore implements SharedThrottles.Store {

    static final int SWEEP_EVERY = 1_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicLong swaps = new AtomicLong();

    JdbcThrottleStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public @Nullable String get(String throttle, String hashedKey) {
        return jdbc.sql("SELECT state FROM cluster_throttle WHERE throttle = ? AND key_hash = ?")
                .params(throttle, hashedKey)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    @Override
    public boolean swap(String throttle, String hashedKey, @Nullable String expected, String next, Instant expiresAt) {
        if (swaps.incrementAndGet() % SWEEP_EVERY == 0) {
            jdbc.sql("DELETE FROM cluster_throttle WHERE expires_at < ?")
                    .param(Timestamp.from(clock.instant().minus(Duration.ofMinutes(1))))
                    .update();
        }
        int rows = expected == null
                ? jdbc.sql("INSERT INTO cluster_throttle (throttle, key_hash, state, expires_at) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")
                        .params(throttle, hashedKey, next, Timestamp.from(expiresAt))
                        .update()
                : jdbc.sql("UPDATE cluster_throttle SET state = ?, expires_at = ?"
                                + " WHERE throttle = ? AND key_hash = ? AND state = ?")
                        .params(next, Timestamp.from(expiresAt), throttle, hashedKey, expected)
                        .update();
        return rows == 1;
    }

    @Override
    public void delete(String throttle, String hashedKey) {
        jdbc.sql("DELETE FROM cluster_throttle WHERE throttle = ? AND key_hash = ?")
                .params(throttle, hashedKey)
                .update();
    }
}
