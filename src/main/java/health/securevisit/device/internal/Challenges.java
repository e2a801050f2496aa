package health.securevisit.device.internal;

import static health.securevisit.device.internal.Devices.ts;

import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Proof challenges (table {@code device_challenge}): stored as SHA-256 hashes, bound to the user and
 * the session reference that asked, used at most once (consumed by a DELETE), expiring.
 */
@Repository
class Challenges {

    private final JdbcClient jdbc;

    Challenges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String hash, UUID userId, String sessionRef, Instant now, Instant expiresAt) {
        jdbc.sql("DELETE FROM device_challenge WHERE expires_at < ?")
                .param(ts(now))
                .update();
        jdbc.sql("INSERT INTO device_challenge (challenge_hash, user_id, session_ref, expires_at) VALUES (?, ?, ?, ?)")
                .params(hash, userId, sessionRef, ts(expiresAt))
                .update();
    }

    /** Consumes the challenge: true exactly once, for its user and session, before it expires. */
    boolean consume(String hash, UUID userId, String sessionRef, Instant now) {
        return jdbc.sql("DELETE FROM device_challenge WHERE challenge_hash = ? AND user_id = ? AND session_ref = ?"
                                + " AND expires_at >= ?")
                        .params(hash, userId, sessionRef, ts(now))
                        .update()
                == 1;
    }
}
