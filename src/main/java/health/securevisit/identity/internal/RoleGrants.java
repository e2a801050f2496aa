package health.securevisit.identity.internal;

import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.FieldEncryption;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored grants of roles that see PHI (table {@code identity_role_grant}); the reason encrypted. */
@Repository
class RoleGrants {

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;

    RoleGrants(JdbcClient jdbc, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    static FieldBinding binding(UUID grantId) {
        return new FieldBinding("identity:grant:" + grantId, "identity_role_grant", "reason", grantId.toString());
    }

    /** Stores a grant; returns its id. */
    UUID insert(UUID userId, UUID grantedBy, String roles, @Nullable String reason, Instant at) {
        UUID id = UUID.randomUUID();
        byte[] ciphertext =
                reason == null ? null : encryption.encrypt(binding(id), reason.getBytes(StandardCharsets.UTF_8));
        jdbc.sql("INSERT INTO identity_role_grant (id, user_id, granted_by, roles, reason, granted_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, userId, grantedBy, roles, ciphertext, Timestamp.from(at))
                .update();
        return id;
    }

    /** The decrypted reason of a grant, if it has one. */
    @Nullable
    String reason(UUID grantId) {
        byte[] ciphertext = jdbc.sql("SELECT reason FROM identity_role_grant WHERE id = ?")
                .param(grantId)
                .query(byte[].class)
                .optional()
                .orElse(null);
        return ciphertext == null
                ? null
                : new String(encryption.decrypt(binding(grantId), ciphertext), StandardCharsets.UTF_8);
    }
}
