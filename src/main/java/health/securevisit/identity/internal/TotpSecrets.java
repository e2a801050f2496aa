package health.securevisit.identity.internal;

import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.FieldEncryption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * TOTP secrets, stored only as ciphertext of the keys module bound to
 * {@code identity:user:<id>/identity_totp/secret/<id>}, with the last accepted time step.
 */
@Repository
public class TotpSecrets {

    /** One user's TOTP factor: the decrypted secret, whether enrolment was confirmed, the last step. */
    public record Entry(byte[] secret, boolean confirmed, long lastStep, Instant createdAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final FieldEncryption encryption;

    TotpSecrets(JdbcClient jdbc, FieldEncryption encryption, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.encryption = encryption;
    }

    static FieldBinding binding(UUID userId) {
        return new FieldBinding("identity:user:" + userId, "identity_totp", "secret", userId.toString());
    }

    /** Replaces any unconfirmed secret of the user by {@code secret}, unconfirmed. */
    public void savePending(UUID userId, byte[] secret) {
        byte[] ciphertext = encryption.encrypt(binding(userId), secret);
        jdbc.sql("DELETE FROM identity_totp WHERE user_id = ? AND confirmed = FALSE")
                .param(userId)
                .update();
        jdbc.sql("INSERT INTO identity_totp (user_id, secret, confirmed, last_step, created_at) VALUES (?, ?, FALSE,"
                        + " -1, ?)")
                .params(userId, ciphertext, Timestamp.from(clock.instant()))
                .update();
    }

    public Optional<Entry> find(UUID userId) {
        return jdbc.sql("SELECT secret, confirmed, last_step, created_at FROM identity_totp WHERE user_id = ?")
                .param(userId)
                .query((rs, n) -> new Entry(
                        encryption.decrypt(binding(userId), rs.getBytes("secret")),
                        rs.getBoolean("confirmed"),
                        rs.getLong("last_step"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    /**
     * Records {@code step} as used, only if it is later than the last accepted step: true when this
     * call won (a concurrent or repeated use of the same code gets false).
     */
    public boolean accept(UUID userId, long step, boolean confirm) {
        String sql = "UPDATE identity_totp SET last_step = ?" + (confirm ? ", confirmed = TRUE" : "")
                + " WHERE user_id = ? AND last_step < ?";
        return jdbc.sql(sql).params(step, userId, step).update() == 1;
    }

    public boolean delete(UUID userId) {
        return jdbc.sql("DELETE FROM identity_totp WHERE user_id = ?")
                        .param(userId)
                        .update()
                > 0;
    }
}
