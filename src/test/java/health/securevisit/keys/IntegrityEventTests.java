package health.securevisit.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A failed integrity check is a security event: {@link CiphertextIntegrityFailed} goes through the
 * event publication registry (persisted in {@code event_publication}) to module listeners, with the
 * object's name and no content, even though the failing read itself throws.
 */
@SpringBootTest(
        properties = {
            "securevisit.data-dir=target/test-data/${random.uuid}",
            "server.port=0",
            "securevisit.keys.warmup=0"
        })
class IntegrityEventTests {

    /** Stands in for the audit module's listener (added when the modules are merged). */
    @TestConfiguration(proxyBeanMethods = false)
    static class SecurityEventListener {
        private final List<CiphertextIntegrityFailed> received = new CopyOnWriteArrayList<>();

        @TransactionalEventListener
        public void on(CiphertextIntegrityFailed event) {
            received.add(event);
        }

        public List<CiphertextIntegrityFailed> received() {
            return received;
        }
    }

    @Autowired
    FieldEncryption fields;

    @Autowired
    ArtifactVault vault;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SecurityEventListener listener;

    @Test
    void tamperedFieldIsRecordedThroughTheEventPublicationRegistry() {
        FieldBinding binding = new FieldBinding("patient:" + UUID.randomUUID(), "patient", "name", "17");
        byte[] ciphertext = fields.encryptText(binding, "Ada Lovelace");
        ciphertext[ciphertext.length - 1] ^= 1;

        assertThatThrownBy(() -> fields.decrypt(binding, ciphertext))
                .isInstanceOf(CiphertextIntegrityException.class)
                .hasMessage("Stored data failed its integrity check: field patient.name of row 17.");

        assertThat(listener.received())
                .extracting(CiphertextIntegrityFailed::object)
                .contains("field patient.name of row 17");
        List<Map<String, Object>> rows = jdbc.sql(
                        "select event_type, serialized_event from event_publication" + " where event_type = ?")
                .param(CiphertextIntegrityFailed.class.getName())
                .query()
                .listOfRows();
        assertThat(rows).isNotEmpty();
        assertThat(rows.toString()).contains("field patient.name of row 17").doesNotContain("Ada");
    }
}
