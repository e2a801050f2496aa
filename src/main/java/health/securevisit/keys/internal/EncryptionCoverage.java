package health.securevisit.keys.internal;

import health.securevisit.keys.BlobStore;
import health.securevisit.platform.EvidenceSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code keys.encryption-coverage}: the share of PHI stored encrypted, computed by scanning the
 * database. Every non-null value of every PHI column must be a field-encryption envelope (Tink
 * AES-256-GCM: the {@code 0x01} prefix, a 4-byte key id, 12-byte nonce and 16-byte tag around the
 * ciphertext), and every artifact chunk and BAA document must be a vault object (a live artifact data
 * key and its blob in the store). A table that does not exist in this installation is skipped.
 */
@Component
class EncryptionCoverage implements EvidenceSource {

    static final String CHECK = "keys.encryption-coverage";
    /** Tink's output prefix and the AES-GCM overhead: the shortest envelope of an empty plaintext. */
    static final int MIN_ENVELOPE = 5 + 12 + 16;

    static final int MAX_NAMED = 20;

    /** A PHI column and the key column that names its rows. */
    record PhiColumn(String table, String id, String column) {}

    static final List<PhiColumn> PHI_COLUMNS = List.of(
            new PhiColumn("patient", "id", "mrn_enc"),
            new PhiColumn("patient", "id", "full_name_enc"),
            new PhiColumn("patient", "id", "date_of_birth_enc"),
            new PhiColumn("patient", "id", "address_enc"),
            new PhiColumn("patient", "id", "phone_enc"),
            new PhiColumn("patient", "id", "email_enc"),
            new PhiColumn("patient", "id", "insurance_id_enc"),
            new PhiColumn("room_chat_message", "id", "text_ciphertext"),
            new PhiColumn("records_form_assignment", "id", "answers"),
            new PhiColumn("hub_observation", "id", "resource_enc"),
            new PhiColumn("access_break_glass_grant", "id", "reason"),
            new PhiColumn("identity_role_grant", "id", "reason"));

    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final Clock clock;

    EncryptionCoverage(JdbcClient jdbc, BlobStore blobs, Clock clock) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.clock = clock;
    }

    @Override
    public List<Evidence> evidence() {
        Instant now = clock.instant();
        long[] values = {0, 0}; // encrypted, total
        List<String> failing = new ArrayList<>();
        int columns = 0;
        for (PhiColumn c : PHI_COLUMNS) {
            try {
                jdbc.sql("SELECT " + c.id() + ", " + c.column() + " FROM " + c.table() + " WHERE " + c.column()
                                + " IS NOT NULL")
                        .query(rs -> {
                            values[1]++;
                            if (envelope(rs.getBytes(2))) {
                                values[0]++;
                            } else {
                                name(failing, c.table() + "." + c.column() + " row " + rs.getString(1));
                            }
                        });
                columns++;
            } catch (DataAccessException tableNotInThisInstallation) {
                // skipped: the module that owns it is not part of this build
            }
        }
        long[] objects = {0, 0};
        Set<String> liveKeys = new HashSet<>(
                jdbc.sql("SELECT name FROM keys_data_key WHERE kind = 'artifact' AND destroyed_at IS NULL")
                        .query(String.class)
                        .list());
        vaultObjects(
                "SELECT c.vault_id FROM records_chunk c JOIN records_artifact a ON a.id = c.artifact_id"
                        + " WHERE a.state IN ('INCOMPLETE', 'COMPLETE')",
                "artifact chunk",
                liveKeys,
                objects,
                failing);
        vaultObjects(
                "SELECT baa_object_id FROM vendor WHERE baa_object_id IS NOT NULL",
                "BAA document",
                liveKeys,
                objects,
                failing);
        long total = values[1] + objects[1];
        long encrypted = values[0] + objects[0];
        String summary = String.format(
                Locale.ROOT,
                "%s encrypted: %d of %d PHI values in %d columns, %d of %d vault objects",
                total == 0 ? "nothing to assess" : String.format(Locale.ROOT, "%.1f%%", 100.0 * encrypted / total),
                values[0],
                values[1],
                columns,
                objects[0],
                objects[1]);
        if (total == 0) {
            return List.of(Evidence.none(CHECK, now, "no PHI stored yet: " + summary));
        }
        if (encrypted < total) {
            if (failing.size() >= MAX_NAMED) {
                failing.add("... " + (total - encrypted - MAX_NAMED) + " more");
            }
            return List.of(Evidence.fail(CHECK, now, summary, failing));
        }
        return List.of(Evidence.pass(CHECK, now, summary));
    }

    private void vaultObjects(String sql, String kind, Set<String> liveKeys, long[] objects, List<String> failing) {
        try {
            jdbc.sql(sql).query(rs -> {
                String id = rs.getString(1);
                objects[1]++;
                if (liveKeys.contains(DataKeys.artifactName(id)) && blobs.exists(id)) {
                    objects[0]++;
                } else {
                    name(failing, kind + " " + id + " is not an encrypted vault object");
                }
            });
        } catch (DataAccessException tableNotInThisInstallation) {
            // skipped: the module that owns it is not part of this build
        }
    }

    private static void name(List<String> failing, String entity) {
        if (failing.size() < MAX_NAMED) {
            failing.add(entity);
        }
    }

    /** Whether {@code value} has the shape of a field-encryption envelope (Tink prefix and GCM overhead). */
    static boolean envelope(byte[] value) {
        return value != null && value.length >= MIN_ENVELOPE && value[0] == 0x01;
    }
}
