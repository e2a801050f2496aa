package health.securevisit.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.keys.CiphertextIntegrityException;
import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.ScopeShreddedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Crypto-shredding a patient on H2 and PostgreSQL: copies taken before are unreadable after. */
class ShreddingTests {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void shreddingAPatientMakesCopiesOfItsFieldsAndArtifactsUnreadable(KeysFixture.Db db) throws IOException {
        try (KeysFixture keys = KeysFixture.start(db, dir)) {
            String patient = "patient:" + UUID.randomUUID();
            String other = "patient:" + UUID.randomUUID();
            FieldBinding name = new FieldBinding(patient, "patient", "name", "1");
            FieldBinding otherName = new FieldBinding(other, "patient", "name", "2");
            byte[] nameCopy = keys.fields.encryptText(name, "Ada Lovelace");
            byte[] otherCopy = keys.fields.encryptText(otherName, "Grace Hopper");
            keys.vault.put("rec-1", patient, new ByteArrayInputStream(new byte[5000]));
            keys.vault.put("rec-2", other, new ByteArrayInputStream(new byte[5000]));
            byte[] recordingCopy = Files.readAllBytes(keys.blobs.path("rec-1"));
            keys.fields.decryptText(name, nameCopy); // the key is cached now

            assertThat(keys.shredder.shred(patient)).isEqualTo(2);

            assertThatThrownBy(() -> keys.fields.decrypt(name, nameCopy))
                    .isInstanceOf(CiphertextIntegrityException.class)
                    .hasMessageContaining("destroyed");
            assertThat(keys.blobs.exists("rec-1")).isFalse();
            Files.write(keys.blobs.path("rec-1"), recordingCopy);
            assertThatThrownBy(() -> keys.vault.open("rec-1")).isInstanceOf(CiphertextIntegrityException.class);
            KeysFixture restarted = keys.restart();
            assertThatThrownBy(() -> restarted.fields.decrypt(name, nameCopy))
                    .isInstanceOf(CiphertextIntegrityException.class);
            assertThat(keys.jdbc
                            .sql("select count(*) from keys_data_key where scope = ? and wrapped is not null")
                            .param(patient)
                            .query(Long.class)
                            .single())
                    .isZero();

            // Other patients are untouched; the shredded one takes no new data.
            assertThat(restarted.fields.decryptText(otherName, otherCopy)).isEqualTo("Grace Hopper");
            assertThat(restarted.vault.open("rec-2").readAllBytes()).hasSize(5000);
            assertThatThrownBy(() -> restarted.fields.encryptText(name, "again"))
                    .isInstanceOf(ScopeShreddedException.class);
            assertThatThrownBy(() -> restarted.vault.put("rec-3", patient, new ByteArrayInputStream(new byte[1])))
                    .isInstanceOf(ScopeShreddedException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void shreddingAScopeThatNeverHadDataStillClosesIt(KeysFixture.Db db) {
        try (KeysFixture keys = KeysFixture.start(db, dir)) {
            String user = "identity:user:" + UUID.randomUUID();
            assertThat(keys.shredder.shred(user)).isZero();
            assertThatThrownBy(() -> keys.fields.encryptText(new FieldBinding(user, "users", "email", "9"), "x"))
                    .isInstanceOf(ScopeShreddedException.class);
        }
    }
}
