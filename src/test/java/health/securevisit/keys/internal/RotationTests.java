package health.securevisit.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.KeyInfo;
import health.securevisit.keys.RotationInProgressException;
import health.securevisit.keys.RotationProgress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** KEK rotation on H2 and PostgreSQL: re-wrap in the background, resume after a crash, destroy when unreferenced. */
class RotationTests {

    @TempDir
    Path dir;

    record Stored(FieldBinding binding, byte[] ciphertext) {}

    static List<Stored> storeFields(KeysFixture keys, int scopes) {
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < scopes; i++) {
            FieldBinding binding = new FieldBinding("patient:" + UUID.randomUUID(), "patient", "name", "" + i);
            stored.add(new Stored(binding, keys.fields.encryptText(binding, "name " + i)));
        }
        return stored;
    }

    static RotationProgress awaitCompletion(KeysFixture keys, UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        RotationProgress progress = keys.rotation.find(id).orElseThrow();
        while (!progress.completed()) {
            assertThat(System.nanoTime()).as("rotation finished in time").isLessThan(deadline);
            Thread.sleep(20);
            progress = keys.rotation.find(id).orElseThrow();
        }
        return progress;
    }

    static void assertAllReadable(KeysFixture keys, List<Stored> stored) {
        for (int i = 0; i < stored.size(); i++) {
            assertThat(keys.fields.decryptText(
                            stored.get(i).binding(), stored.get(i).ciphertext()))
                    .isEqualTo("name " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void rotationRewrapsEveryDataKeyInTheBackgroundAndDestroysTheRetiredKek(KeysFixture.Db db) throws Exception {
        try (KeysFixture keys = KeysFixture.start(db, dir, KeysFixture.settings(2, Duration.ofMillis(30)))) {
            List<Stored> stored = storeFields(keys, 20);
            keys.vault.put("rec-1", "patient:" + UUID.randomUUID(), new ByteArrayInputStream(new byte[3000]));

            RotationProgress started = keys.rotation.start();
            assertThat(started.kekVersion()).isEqualTo(2);
            assertThat(started.total()).isEqualTo(21);
            assertThat(keys.keyring.activeVersion()).isEqualTo(2);

            // The server keeps serving: reads, new writes (wrapped by version 2 at once), visible progress.
            List<Long> seen = new ArrayList<>();
            RotationProgress progress = started;
            while (!progress.completed()) {
                seen.add(progress.done());
                assertAllReadable(keys, stored.subList(0, 3));
                progress = keys.rotation.find(started.id()).orElseThrow();
            }
            Stored during = storeFields(keys, 1).getFirst();
            assertThat(seen).anySatisfy(done -> assertThat(done).isBetween(1L, 20L));

            RotationProgress done = awaitCompletion(keys, started.id());
            assertThat(done.done()).isEqualTo(21);
            assertThat(done.destroyedVersions()).containsExactly(1);
            assertThat(done.finished()).isNotNull();
            assertThat(keys.liveByVersion()).isEqualTo(Map.of(2, 22L));
            KeyringDocument.Kek retired = keys.keyring.document().kek(1);
            assertThat(retired.destroyed()).isNotNull();
            assertThat(retired.keyset()).as("material removed from the keyring").isNull();

            KeysFixture restarted = keys.restart();
            assertAllReadable(restarted, stored);
            assertThat(restarted.fields.decryptText(during.binding(), during.ciphertext()))
                    .isEqualTo("name 0");
            assertThat(restarted.vault.open("rec-1").readAllBytes()).hasSize(3000);
            assertThat(restarted.keyring.document().kek(1).keyset()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void rotationInterruptedByAStopResumesAtTheNextStart(KeysFixture.Db db) throws Exception {
        try (KeysFixture keys = KeysFixture.start(db, dir, KeysFixture.settings(1, Duration.ofMillis(40)))) {
            List<Stored> stored = storeFields(keys, 15);
            RotationProgress started = keys.rotation.start();
            while (keys.rotation.find(started.id()).orElseThrow().done() < 3) {
                Thread.sleep(10);
            }
            keys.rotation.close(); // the server stops mid-rotation

            KeysFixture restarted = keys.restart(KeysFixture.settings(5, Duration.ZERO));
            RotationProgress running = restarted.rotation.running().orElseThrow();
            assertThat(running.id()).isEqualTo(started.id());
            assertThat(running.done()).isBetween(3L, 14L);
            assertThat(restarted.rotation.resume()).map(RotationProgress::id).contains(started.id());

            RotationProgress done = awaitCompletion(restarted, started.id());
            assertThat(done.done()).isEqualTo(15);
            assertThat(done.destroyedVersions()).containsExactly(1);
            assertThat(restarted.liveByVersion()).isEqualTo(Map.of(2, 15L));
            assertAllReadable(restarted.restart(), stored);
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void crashAfterTheNewVersionButBeforeTheRotationRecordIsCompletedAtStart(KeysFixture.Db db) throws Exception {
        try (KeysFixture keys = KeysFixture.start(db, dir)) {
            List<Stored> stored = storeFields(keys, 5);
            keys.keyring.addVersion(); // written to the keyring, then the process died

            KeysFixture restarted = keys.restart();
            RotationProgress resumed = restarted.rotation.resume().orElseThrow();
            assertThat(resumed.kekVersion()).isEqualTo(2);
            assertThat(awaitCompletion(restarted, resumed.id()).destroyedVersions())
                    .containsExactly(1);
            assertAllReadable(restarted, stored);
            assertThat(restarted.restart().rotation.resume())
                    .as("nothing left to do")
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void retiredKekStillReferencedIsKept(KeysFixture.Db db) throws Exception {
        try (KeysFixture keys = KeysFixture.start(db, dir)) {
            List<Stored> stored = storeFields(keys, 4);
            DataKeyRepository.Row damaged = keys.repository
                    .find(DataKeys.fieldName(stored.get(3).binding().scope()))
                    .orElseThrow();
            byte[] wrapped = damaged.wrapped().clone();
            wrapped[wrapped.length - 1] ^= 1;
            keys.jdbc
                    .sql("update keys_data_key set wrapped = ? where id = ?")
                    .params(wrapped, damaged.id())
                    .update();

            RotationProgress done = awaitCompletion(keys, keys.rotation.start().id());

            assertThat(done.done()).isEqualTo(3);
            assertThat(done.total()).isEqualTo(4);
            assertThat(done.destroyedVersions()).isEmpty();
            assertThat(keys.liveByVersion()).isEqualTo(Map.of(1, 1L, 2, 3L));
            assertThat(keys.keyring.document().kek(1).live()).isTrue();
            assertAllReadable(keys.restart(), stored.subList(0, 3));
            KeyInfo retired = new KeyInventoryService(keys.keyring, keys.repository)
                    .keys().stream()
                            .filter(k ->
                                    "kek".equals(k.name()) && Integer.valueOf(1).equals(k.version()))
                            .findFirst()
                            .orElseThrow();
            assertThat(retired.state()).isEqualTo("retired");
            assertThat(retired.dataKeys()).isEqualTo(1);
            assertThat(retired.rotated()).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(KeysFixture.Db.class)
    void onlyOneRotationRunsAtATime(KeysFixture.Db db) throws IOException {
        try (KeysFixture keys = KeysFixture.start(db, dir, KeysFixture.settings(1, Duration.ofMillis(200)))) {
            storeFields(keys, 3);
            RotationProgress first = keys.rotation.start();
            assertThatThrownBy(keys.rotation::start)
                    .isInstanceOfSatisfying(
                            RotationInProgressException.class,
                            e -> assertThat(e.running()).isEqualTo(first.id()));
            assertThat(keys.keyring.activeVersion()).isEqualTo(2);
        }
    }
}
