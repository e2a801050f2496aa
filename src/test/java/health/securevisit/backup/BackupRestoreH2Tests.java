package health.securevisit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.backup.Installation.Content;
import health.securevisit.backup.Installation.Run;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup} and {@code restore} on the embedded database, the way an operator runs them. */
class BackupRestoreH2Tests {

    @TempDir
    static Path tmp;

    static Installation source;
    static Content content;
    static Path backup;

    @BeforeAll
    static void backUpAPopulatedInstallation() {
        source = Installation.h2(tmp.resolve("source"));
        content = source.populate();
        backup = tmp.resolve("securevisit.backup");
        assertThat(source.backUp(backup).stdout()).contains("backup: ").contains("h2 database, 1 blob(s)");
    }

    static Run restore(Installation target, String... more) {
        List<String> args = new ArrayList<>(List.of("restore"));
        args.addAll(List.of(more));
        args.addAll(target.args());
        return Installation.run(args.toArray(String[]::new));
    }

    @Test
    void restoredInstallationVerifiesItsTrailAndReadsPatientsAndArtifacts() throws Exception {
        Installation target = Installation.h2(tmp.resolve("restored"), source.masterKeyArg());
        Run r = restore(target, backup.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("restored into " + target.dataDir());
        assertThat(target.dataDir().resolve("keys/master.key")).doesNotExist();

        target.assertTrailVerifies();
        target.assertReadsBack(content);
    }

    @Test
    void restoreChecksTheSignatureWithAnExplicitPublicKey() throws Exception {
        Path pem = tmp.resolve("key.pem");
        Files.copy(source.dataDir().resolve("audit/checkpoint-key.pem"), pem);
        Installation target = Installation.h2(tmp.resolve("pinned"), source.masterKeyArg());
        assertThat(restore(target, "--public-key", pem.toString(), backup.toString())
                        .exitCode())
                .isZero();

        Path other = tmp.resolve("other.pem");
        Files.writeString(other, """
                -----BEGIN PUBLIC KEY-----
                MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
                -----END PUBLIC KEY-----
                """);
        Installation refused = Installation.h2(tmp.resolve("pinned-other"), source.masterKeyArg());
        Run r = restore(refused, "--public-key", other.toString(), backup.toString());
        assertOneLineRefusal(r, 1, "signature does not verify");
        assertThat(refused.dataDir()).doesNotExist();
    }

    @Test
    void refusesANonEmptyDataDirectoryBeforeReadingTheBackup() throws Exception {
        Installation target = Installation.h2(tmp.resolve("busy"), source.masterKeyArg());
        Files.createDirectories(target.dataDir());
        Files.writeString(target.dataDir().resolve("something"), "x");
        Run r = restore(target, backup.toString());
        assertOneLineRefusal(r, 3, "is not empty");
        try (Stream<Path> files = Files.list(target.dataDir())) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void refusesABackupWithOneByteFlippedAnywhere() throws Exception {
        long size = Files.size(backup);
        for (long position : List.of(0L, 12L, 40L, 300L, size / 2, size - 200, size - 70, size - 30, size - 1)) {
            Path tampered = tmp.resolve("tampered-" + position);
            Files.copy(backup, tampered);
            try (FileChannel ch = FileChannel.open(tampered, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.allocate(1);
                ch.read(b, position);
                b.put(0, (byte) (b.get(0) ^ 0x01));
                ch.write(b.flip(), position);
            }
            Installation target = Installation.h2(tmp.resolve("t-" + position), source.masterKeyArg());
            Run r = restore(target, tampered.toString());
            assertOneLineRefusal(r, 1, "");
            assertThat(target.dataDir())
                    .as("nothing written for a flip at " + position)
                    .doesNotExist();
        }
    }

    @Test
    void refusesATruncatedBackup() throws Exception {
        Path truncated = tmp.resolve("truncated");
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(backup), (int) Files.size(backup) / 2));
        Installation target = Installation.h2(tmp.resolve("trunc"), source.masterKeyArg());
        assertOneLineRefusal(restore(target, truncated.toString()), 1, "truncated");
        assertThat(target.dataDir()).doesNotExist();
    }

    @Test
    void refusesAMissingFileAWrongOrAbsentMasterKeyInOneLine() throws Exception {
        Installation target = Installation.h2(tmp.resolve("keys"), source.masterKeyArg());
        assertOneLineRefusal(restore(target, tmp.resolve("nope").toString()), 1, "no backup file");

        Installation noKey = Installation.h2(tmp.resolve("no-key"));
        assertOneLineRefusal(restore(noKey, backup.toString()), 1, "SECUREVISIT_MASTER_KEY");

        Installation wrongKey =
                Installation.h2(tmp.resolve("wrong-key"), "--securevisit.master-key=" + "A".repeat(43) + "=");
        assertOneLineRefusal(restore(wrongKey, backup.toString()), 1, "does not open the backup's keyring");
        assertThat(wrongKey.dataDir()).doesNotExist();

        assertThat(Installation.run("restore").exitCode()).isEqualTo(2);
        assertThat(Installation.run("backup", "a", "b").exitCode()).isEqualTo(2);
    }

    @Test
    void backupNeverOverwritesAFile() {
        List<String> args = new ArrayList<>(List.of("backup", backup.toString()));
        args.addAll(source.args());
        assertOneLineRefusal(Installation.run(args.toArray(String[]::new)), 1, "exists already");
    }

    @Test
    void restoreDrillIsTimedRecordedAndAudited() {
        List<String> args = new ArrayList<>(List.of("--drill", backup.toString()));
        Installation live = Installation.h2(source.dataDir(), source.masterKeyArg());
        Run r = restore(live, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout())
                .contains("passed")
                .contains("audit trail verified")
                .contains("1 patient(s), 1 artifact(s)");
        source.withApplication(context -> {
            RestoreDrill drill =
                    context.getBean(RestoreDrills.class).lastPassed().orElseThrow();
            assertThat(drill.passed()).isTrue();
            assertThat(drill.database()).isEqualTo("h2");
            assertThat(drill.duration()).isPositive();
            assertThat(context.getBean(RestoreDrills.class).recent(5)).contains(drill);
        });
        source.assertTrailVerifies();
    }

    static void assertOneLineRefusal(Run r, int code, String text) {
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(code);
        assertThat(r.stderr().lines().toList())
                .as(r.stderr())
                .singleElement()
                .asString()
                .contains(text);
        assertThat(r.stderr()).doesNotContain("\tat ").doesNotContain("Exception:");
    }
}
