package health.securevisit.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.keys.BlindIndexes;
import health.securevisit.keys.RotationProgress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Blind-index keys are KEK-wrapped data keys: stable across restarts and KEK rotation, one per purpose. */
class BlindIndexesTests {

    @TempDir
    Path dataDir;

    static BlindIndexes indexes(KeysFixture keys) {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(keys.dataSource));
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        Clock clock = Clock.systemUTC();
        return new HmacBlindIndexes(
                keys.repository, keys.keys, keys.keyring, new DekCache(10, Duration.ofMinutes(5), clock), tx, clock);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void indexesAreDeterministicPerPurposeAndSurviveRestartAndKekRotation(KeysFixture.Db db) throws Exception {
        try (KeysFixture keys = KeysFixture.start(db, dataDir)) {
            BlindIndexes first = indexes(keys);
            byte[] mrn = first.index("patient.mrn", utf8("AB-12"));
            assertThat(mrn).hasSize(32).isEqualTo(first.index("patient.mrn", utf8("AB-12")));
            assertThat(first.index("patient.mrn", utf8("AB-13"))).isNotEqualTo(mrn);
            assertThat(first.index("patient.name-word", utf8("AB-12"))).isNotEqualTo(mrn);
            assertThat(keys.repository.find("blind-index:patient.mrn")).get().satisfies(row -> {
                assertThat(row.kind()).isEqualTo("blind-index");
                assertThat(row.wrapped()).isNotNull();
                assertThat(new String(row.wrapped(), StandardCharsets.ISO_8859_1))
                        .doesNotContain("AB-12");
            });

            KeysFixture restarted = keys.restart();
            assertThat(indexes(restarted).index("patient.mrn", utf8("AB-12"))).isEqualTo(mrn);

            int before = restarted
                    .repository
                    .find("blind-index:patient.mrn")
                    .orElseThrow()
                    .kekVersion();
            RotationProgress done = RotationTests.awaitCompletion(
                    restarted, restarted.rotation.start().id());
            assertThat(done.done()).isEqualTo(done.total());
            int after = restarted
                    .repository
                    .find("blind-index:patient.mrn")
                    .orElseThrow()
                    .kekVersion();
            assertThat(after).isNotEqualTo(before);
            assertThat(done.destroyedVersions()).contains(before); // the old KEK is gone, the index key lives on
            assertThat(indexes(restarted.restart()).index("patient.mrn", utf8("AB-12")))
                    .isEqualTo(mrn);
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void twoInstancesShareTheOneStoredKey(KeysFixture.Db db) throws Exception {
        try (KeysFixture keys = KeysFixture.start(db, dataDir)) {
            BlindIndexes a = indexes(keys);
            BlindIndexes b = indexes(keys);
            byte[] fromA = a.index("patient.date-of-birth", utf8("1980-02-29"));
            assertThat(b.index("patient.date-of-birth", utf8("1980-02-29"))).isEqualTo(fromA);
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void refusesInvalidPurposesAndFailsClosedOnceTheKeyIsShredded(KeysFixture.Db db) throws Exception {
        try (KeysFixture keys = KeysFixture.start(db, dataDir)) {
            BlindIndexes indexes = indexes(keys);
            assertThatThrownBy(() -> indexes.index("Patient MRN", utf8("x")))
                    .isInstanceOf(IllegalArgumentException.class);
            indexes.index("patient.mrn", utf8("x"));
            keys.shredder.shred("blind-index:patient.mrn");
            assertThatThrownBy(() -> indexes(keys).index("patient.mrn", utf8("x")))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
