package health.securevisit.platform.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/** Throttle counts in Redis: one key per counted key, expiring with it; the swap is one Lua script. */
final class RedisThrottleStore implements SharedThrottles.Store {

    private static final RedisScript<Long> SWAP = RedisScript.of("""
            local current = redis.call('GET', KEYS[1])
            if (ARGV[1] == '' and not current) or current == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final Clock clock;

    RedisThrottleStore(StringRedisTemplate redis, String keyPrefix, Clock clock) {
        this.redis = redis;
        this.prefix = keyPrefix + ":throttle:";
        this.clock = clock;
    }

    @Override
    public @Nullable String get(String throttle, String hashedKey) {
        return redis.opsForValue().get(key(throttle, hashedKey));
    }

    @Override
    public boolean swap(String throttle, String hashedKey, @Nullable String expected, String next, Instant expiresAt) {
        long ttl = Math.max(1, expiresAt.toEpochMilli() - clock.millis());
        Long done = redis.execute(
                SWAP, List.of(key(throttle, hashedKey)), expected == null ? "" : expected, next, Long.toString(ttl));
        return done != null && done == 1L;
    }

    @Override
    public void delete(String throttle, String hashedKey) {
        redis.delete(key(throttle, hashedKey));
    }

    private String key(String throttle, String hashedKey) {
        return prefix + throttle + ":" + hashedKey;
    }
}
