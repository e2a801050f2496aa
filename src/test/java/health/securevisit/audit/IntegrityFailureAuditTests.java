package health.securevisit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.keys.CiphertextIntegrityException;
import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.FieldEncryption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A tampered PHI field is recorded in the audit trail as a security event, naming only the object. */
@SpringBootTest(
        properties = {
            "securevisit.data-dir=target/test-data/${random.uuid}",
            "server.port=0",
            "securevisit.keys.warmup=0"
        })
class IntegrityFailureAuditTests {

    @Autowired
    FieldEncryption fields;

    @Autowired
    JdbcClient jdbc;

    @Test
    void tamperedFieldBecomesASecurityEventInTheTrail() {
        String row = UUID.randomUUID().toString();
        FieldBinding binding = new FieldBinding("patient:" + row, "patient", "full_name", row);
        byte[] ciphertext = fields.encryptText(binding, "Grace Hopper");
        ciphertext[ciphertext.length - 1] ^= 1;

        assertThatThrownBy(() -> fields.decrypt(binding, ciphertext)).isInstanceOf(CiphertextIntegrityException.class);

        // The listener may run after the failing read's transaction, on another thread.
        List<Map<String, Object>> entries = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> jdbc.sql("select action, outcome, reason, resource_type, resource_id from audit_entry"
                                        + " where action = ? and resource_id like ?")
                                .param("security.integrity-failure")
                                .param("%" + row + "%")
                                .query()
                                .listOfRows(),
                        rows -> !rows.isEmpty());
        assertThat(entries).hasSize(1);
        Map<String, Object> entry = entries.getFirst();
        assertThat(entry.get("outcome")).isEqualTo("ERROR");
        assertThat(entry.get("reason")).isEqualTo("ciphertext-integrity");
        assertThat(entry.get("resource_id").toString())
                .contains("patient.full_name")
                .contains(row);
        assertThat(entries.toString()).doesNotContain("Grace");
    }
}
