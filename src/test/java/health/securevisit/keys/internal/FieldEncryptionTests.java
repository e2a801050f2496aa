package health.securevisit.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import health.securevisit.keys.CiphertextIntegrityException;
import health.securevisit.keys.CiphertextIntegrityFailed;
import health.securevisit.keys.FieldBinding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PHI field encryption on H2 and PostgreSQL: AES-256-GCM bound to scope, table, column and row. */
class FieldEncryptionTests {

    @TempDir
    Path dir;

    final String patient = "patient:" + UUID.randomUUID();
    final FieldBinding name = new FieldBinding(patient, "patient", "name", "42");

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void encryptsAndDecryptsWithFreshIvEachTime(KeysFixture.Db db) {
        try (KeysFixture keys = KeysFixture.start(db, dir)) {
            byte[] first = keys.fields.encryptText(name, "Ada Lovelace");
            byte[] second = keys.fields.encryptText(name, "Ada Lovelace");

            assertThat(first).isNotEqualTo(second);
            assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("Ada");
            assertThat(keys.fields.decryptText(name, first)).isEqualTo("Ada Lovelace");
            assertThat(keys.restart().fields.decryptText(name, second)).isEqualTo("Ada Lovelace");
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void ciphertextMovedToAnotherPlaceFailsToDecrypt(KeysFixture.Db db) {
        try (KeysFixture keys = KeysFixture.start(db, dir)) {
            byte[] ciphertext = keys.fields.encryptText(name, "Ada Lovelace");
            String otherPatient = "patient:" + UUID.randomUUID();
            keys.fields.encryptText(new FieldBinding(otherPatient, "patient", "name", "43"), "Grace Hopper");

            for (FieldBinding elsewhere : List.of(
                    new FieldBinding(patient, "patient", "name", "43"),
                    new FieldBinding(patient, "patient", "address", "42"),
                    new FieldBinding(patient, "visit", "name", "42"),
                    new FieldBinding(otherPatient, "patient", "name", "42"))) {
                assertThatThrownBy(() -> keys.fields.decrypt(elsewhere, ciphertext))
                        .isInstanceOf(CiphertextIntegrityException.class)
                        .hasMessageContaining(elsewhere.table() + "." + elsewhere.column())
                        .hasMessageContaining("row " + elsewhere.rowId())
                        .hasMessageNotContaining("Ada");
            }
            assertThat(keys.fields.decryptText(name, ciphertext)).isEqualTo("Ada Lovelace");
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void alteredCiphertextFailsAndIsRecordedAsSecurityEvent(KeysFixture.Db db) {
        try (KeysFixture keys = KeysFixture.start(db, dir)) {
            byte[] ciphertext = keys.fields.encryptText(name, "Ada Lovelace");
            byte[] flipped = ciphertext.clone();
            flipped[flipped.length / 2] ^= 0x01;
            byte[] truncated = java.util.Arrays.copyOf(ciphertext, ciphertext.length - 1);

            assertThatThrownBy(() -> keys.fields.decrypt(name, flipped))
                    .isInstanceOf(CiphertextIntegrityException.class)
                    .hasMessageContaining("field patient.name of row 42");
            assertThatThrownBy(() -> keys.fields.decrypt(name, truncated))
                    .isInstanceOf(CiphertextIntegrityException.class);
            assertThat(keys.events).hasSize(2).allSatisfy(event -> {
                assertThat(event).isInstanceOf(CiphertextIntegrityFailed.class);
                assertThat(((CiphertextIntegrityFailed) event).object()).isEqualTo("field patient.name of row 42");
            });
            assertThat(keys.events.toString()).doesNotContain("Ada");
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void oneDataKeyPerScopeStoredOnlyWrapped(KeysFixture.Db db) throws GeneralSecurityException {
        try (KeysFixture keys = KeysFixture.start(db, dir)) {
            keys.fields.encryptText(name, "Ada Lovelace");
            keys.fields.encryptText(new FieldBinding(patient, "patient", "birth_date", "42"), "1815-12-10");
            keys.fields.encryptText(new FieldBinding("patient:" + UUID.randomUUID(), "patient", "name", "7"), "x");

            assertThat(keys.jdbc
                            .sql("select count(*) from keys_data_key")
                            .query(Long.class)
                            .single())
                    .isEqualTo(2);
            DataKeyRepository.Row row = keys.repository.find("field:" + patient).orElseThrow();
            assertThat(row.kekVersion()).isEqualTo(1);
            assertThatThrownBy(() -> TinkProtoKeysetFormat.parseKeyset(row.wrapped(), InsecureSecretKeyAccess.get()))
                    .as("the stored data key is not a cleartext keyset")
                    .isInstanceOf(GeneralSecurityException.class);
            // ...and it opens only with the KEK and the row's own associated data.
            assertThat(keys.keys.unwrap(row)).isNotNull();
            DataKeyRepository.Row moved = new DataKeyRepository.Row(
                    UUID.randomUUID(), row.name(), row.kind(), row.scope(), 1, row.wrapped(), row.created(), null);
            assertThatThrownBy(() -> keys.keys.unwrap(moved)).isInstanceOf(GeneralSecurityException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void rejectsScopesThatCannotBeNamedSafely(KeysFixture.Db db) {
        try (KeysFixture keys = KeysFixture.start(db, dir)) {
            assertThatThrownBy(() -> keys.fields.encryptText(new FieldBinding("../x", "t", "c", "1"), "v"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void scopeCheckAgreesWithItsPattern() {
        List<String> scopes = new ArrayList<>(List.of(
                "patient:" + UUID.randomUUID(),
                "a",
                "Z9",
                "user@example.org",
                "x".repeat(200),
                "x".repeat(201),
                "",
                "-a",
                ":a",
                "a b",
                "a/b",
                "../x",
                "a\nb",
                "caf\u00e9",
                "\u0661"));
        for (char c = 0; c < 256; c++) {
            scopes.add("a" + c);
            scopes.add(c + "a");
        }
        for (String scope : scopes) {
            assertThat(TinkFieldEncryption.isScope(scope))
                    .as("scope %s", scope)
                    .isEqualTo(TinkFieldEncryption.SCOPE.matcher(scope).matches());
        }
    }

    /** Stored ciphertexts are bound to these exact bytes: a change of encoding would make them unreadable. */
    @Test
    void associatedDataKeepsItsLengthPrefixedEncoding() {
        byte[] expected = HexFormat.of()
                .parseHex("00000013" + hex("securevisit-field/1") + "00000003" + hex("p:1") + "00000007"
                        + hex("patient") + "00000004" + hex("name") + "00000002" + hex("42"));
        assertThat(TinkFieldEncryption.associatedData(new FieldBinding("p:1", "patient", "name", "42")))
                .isEqualTo(expected);
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }
}
