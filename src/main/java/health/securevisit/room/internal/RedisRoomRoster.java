package health.securevisit.room.internal;

import health.securevisit.platform.ClusterSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The room roster in Redis: hash {@code <prefix>:room:<visitId>}, one field per participant, written by
 * the node holding the participant's seat (and by the node of the clinician who admits). The hash
 * expires {@value #TTL_HOURS} hours after its last change, so rooms of dead nodes do not stay forever;
 * a seat of a node that died stays listed until then or until the participant rejoins.
 */
@Component
@Primary
@ConditionalOnProperty(name = "securevisit.cluster.relay", havingValue = "redis")
class RedisRoomRoster implements RoomRoster {

    static final int TTL_HOURS = 12;

    /** Deletes the field only if this node still holds it (a rejoin on another node replaced it). */
    private static final RedisScript<Long> LEAVE = RedisScript.of("""
            local v = redis.call('HGET', KEYS[1], ARGV[1])
            if v and string.sub(v, 1, string.len(ARGV[2]) + 1) == ARGV[2] .. '|' then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0
            """, Long.class);

    /** Sets the admitted flag of an existing field. */
    private static final RedisScript<Long> ADMIT = RedisScript.of("""
            local v = redis.call('HGET', KEYS[1], ARGV[1])
            if not v then return 0 end
            local node, role, admitted, rest = string.match(v, '^([^|]*)|([^|]*)|([^|]*)|(.*)$')
            redis.call('HSET', KEYS[1], ARGV[1], node .. '|' .. role .. '|1|' .. rest)
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final String node = UUID.randomUUID().toString();

    RedisRoomRoster(StringRedisTemplate redis, ClusterSettings settings) {
        this.redis = redis;
        this.prefix = settings.keyPrefix() + ":room:";
    }

    @Override
    public void seated(Seat seat) {
        Participant p = seat.participant;
        String value = String.join(
                "|",
                node,
                p.role().name(),
                seat.admitted ? "1" : "0",
                Long.toString(seat.since.toEpochMilli()),
                p.credentialId() == null ? "-" : p.credentialId().toString(),
                p.displayName());
        String key = key(p.visitId());
        redis.opsForHash().put(key, p.id().toString(), value);
        redis.expire(key, Duration.ofHours(TTL_HOURS));
    }

    @Override
    public void left(Seat seat) {
        redis.execute(
                LEAVE,
                List.of(key(seat.participant.visitId())),
                seat.participant.id().toString(),
                node);
    }

    @Override
    public void admitted(UUID visitId, UUID participantId) {
        redis.execute(ADMIT, List.of(key(visitId)), participantId.toString());
    }

    @Override
    public boolean isAdmitted(UUID visitId, UUID participantId) {
        Object v = redis.opsForHash().get(key(visitId), participantId.toString());
        return v != null && v.toString().split("\\|", 4)[2].equals("1");
    }

    @Override
    public List<Member> remote(UUID visitId) {
        List<Member> members = new ArrayList<>();
        for (Map.Entry<Object, Object> e :
                redis.opsForHash().entries(key(visitId)).entrySet()) {
            Member m = member(e.getKey().toString(), e.getValue().toString());
            if (m != null) {
                members.add(m);
            }
        }
        return members;
    }

    @Override
    public @Nullable Member remote(UUID visitId, UUID participantId) {
        Object v = redis.opsForHash().get(key(visitId), participantId.toString());
        return v == null ? null : member(participantId.toString(), v.toString());
    }

    private @Nullable Member member(String id, String value) {
        String[] f = value.split("\\|", 6);
        if (f.length != 6 || f[0].equals(node)) {
            return null; // this node's own seats are in Rooms
        }
        return new Member(
                UUID.fromString(id),
                Participant.Role.valueOf(f[1]),
                f[5],
                f[2].equals("1"),
                Instant.ofEpochMilli(Long.parseLong(f[3])),
                f[4].equals("-") ? null : UUID.fromString(f[4]));
    }

    private String key(UUID visitId) {
        return prefix + visitId;
    }
}
