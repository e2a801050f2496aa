package health.securevisit.access.internal;

import health.securevisit.access.BreakGlassGrant;
import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.FieldEncryption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Break-glass grants (table {@code access_break_glass_grant}); the reason is stored only as
 * ciphertext of the keys module bound to {@code patient:<id>/access_break_glass_grant/reason/<grant id>}.
 */
@Repository
class BreakGlassGrants {

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;

    BreakGlassGrants(JdbcClient jdbc, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    static FieldBinding reasonBinding(UUID patientId, UUID grantId) {
        return new FieldBinding("patient:" + patientId, "access_break_glass_grant", "reason", grantId.toString());
    }

    void insert(BreakGlassGrant grant, String reason) {
        byte[] ciphertext = encryption.encryptText(reasonBinding(grant.patientId(), grant.id()), reason);
        jdbc.sql("INSERT INTO access_break_glass_grant (id, clinician_id, patient_id, granted_at, expires_at, reason)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        grant.id(),
                        grant.clinicianId(),
                        grant.patientId(),
                        Timestamp.from(grant.grantedAt()),
                        Timestamp.from(grant.expiresAt()),
                        ciphertext)
                .update();
    }

    /** Whether {@code clinicianId} holds a grant for {@code patientId} that is valid at {@code now}. */
    boolean active(UUID clinicianId, UUID patientId, Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.sql("SELECT COUNT(*) FROM access_break_glass_grant WHERE clinician_id = ? AND patient_id = ?"
                                + " AND granted_at <= ? AND expires_at > ?")
                        .params(clinicianId, patientId, at, at)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The decrypted reason of a grant (for reviews; never logged or audited). */
    String reason(UUID grantId, UUID patientId) {
        byte[] ciphertext = jdbc.sql("SELECT reason FROM access_break_glass_grant WHERE id = ? AND patient_id = ?")
                .params(grantId, patientId)
                .query((rs, n) -> rs.getBytes("reason"))
                .single();
        return encryption.decryptText(reasonBinding(patientId, grantId), ciphertext);
    }
}
