package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiles of a checkpointed tree, checked by an independent implementation: a small Go program
 * (src/test/resources/audit/tlogcheck) built here against Debian's golang-golang-x-mod-dev
 * (golang.org/x/mod/sumdb/tlog and note, off-line, GOPATH mode). 700 entries: two full entry
 * bundles and level-0 tiles, partial ones of width 188, and a partial level-1 tile of two hashes.
 */
class TilesTests {

    @TempDir
    static Path build;

    @TempDir
    Path dir;

    static Path checker;
    TrailFixture trail;
    Path tiles;

    @BeforeAll
    static void buildChecker() throws Exception {
        Path source = build.resolve("main.go");
        try (InputStream in = TilesTests.class.getResourceAsStream("/audit/tlogcheck/main.go")) {
            Files.copy(in, source);
        }
        checker = build.resolve("tlogcheck");
        Result r = run(
                Map.of(
                        "GO111MODULE", "off",
                        "GOPATH", "/usr/share/gocode",
                        "GOPROXY", "off",
                        "GOFLAGS", "",
                        "GOCACHE", build.resolve("cache").toString()),
                "go",
                "build",
                "-o",
                checker.toString(),
                source.toString());
        assertThat(r.exit()).as(r.output()).isZero();
    }

    record Result(int exit, String output) {}

    static Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out.trim());
    }

    @AfterEach
    void close() {
        if (trail != null) {
            trail.close();
        }
    }

    Result check() throws Exception {
        return run(
                Map.of(),
                checker.toString(),
                tiles.toString(),
                CheckpointNote.verifierKey("securevisit.test/audit", trail.signer.publicKey()));
    }

    void sevenHundred() throws Exception {
        trail = TrailFixture.h2(dir);
        trail.recordConcurrently(0, 700);
        assertThat(trail.checkpointer.checkpointNow()).isEqualTo(700);
        tiles = dir.resolve("tiles");
        Checkpoints.Stored cp = trail.checkpoints.latest().orElseThrow();
        try (Connection c = trail.dataSource.getConnection()) {
            assertThat(Tiles.publish(c, tiles, 700, cp.note())).isEqualTo(cp.root());
        }
    }

    @Test
    void goTlogVerifiesThePublishedTiles() throws Exception {
        sevenHundred();
        assertThat(Files.exists(tiles.resolve("tile/0/000"))).isTrue();
        assertThat(Files.exists(tiles.resolve("tile/0/002.p/188"))).isTrue();
        assertThat(Files.exists(tiles.resolve("tile/1/000.p/2"))).isTrue();
        assertThat(Files.exists(tiles.resolve("tile/entries/001"))).isTrue();
        assertThat(Files.exists(tiles.resolve("tile/entries/002.p/188"))).isTrue();
        Result r = check();
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("OK 700 entries");
    }

    @Test
    void aLaterPublicationContinuesAfterTheLastFullBundle() throws Exception {
        sevenHundred();
        Path firstFull = tiles.resolve("tile/0/001");
        long written = Files.getLastModifiedTime(firstFull).toMillis();
        trail.recordConcurrently(700, 1100);
        assertThat(trail.checkpointer.checkpointNow()).isEqualTo(1100);
        Checkpoints.Stored cp = trail.checkpoints.latest().orElseThrow();
        try (Connection c = trail.dataSource.getConnection()) {
            assertThat(Tiles.publish(c, tiles, 1100, cp.note())).isEqualTo(cp.root());
        }
        assertThat(Files.getLastModifiedTime(firstFull).toMillis())
                .as("full tiles are kept")
                .isEqualTo(written);
        assertThat(Tiles.published(tiles)).isEqualTo(1100);
        Result r = check();
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("OK 1100 entries");
    }

    @Test
    void goTlogRefusesAnAlteredHashTile() throws Exception {
        sevenHundred();
        Path tile = tiles.resolve("tile/0/001");
        byte[] b = Files.readAllBytes(tile);
        b[40] ^= 1;
        Files.write(tile, b);
        Result r = check();
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).startsWith("FAILED:");
    }

    @Test
    void goTlogRefusesADeletedTile() throws Exception {
        sevenHundred();
        Files.delete(tiles.resolve("tile/1/000.p/2"));
        Result r = check();
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).startsWith("FAILED: tree hash:").contains("tile/1/000.p/2");
    }

    @Test
    void goTlogRefusesATruncatedBundle() throws Exception {
        sevenHundred();
        Path bundle = tiles.resolve("tile/entries/001");
        byte[] b = Files.readAllBytes(bundle);
        Files.write(bundle, java.util.Arrays.copyOf(b, b.length - 10));
        Result r = check();
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).isEqualTo("FAILED: entry bundle tile/entries/001 is truncated at entry 511");
    }

    @Test
    void goTlogRefusesACheckpointFromAnotherKey() throws Exception {
        sevenHundred();
        byte[] root = trail.checkpoints.latest().orElseThrow().root();
        Files.writeString(tiles.resolve(Tiles.CHECKPOINT), TrailFixture.signedByAnotherKey(700, root));
        Result r = check();
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).startsWith("FAILED: checkpoint:");
    }

    VerificationReport javaCheck() {
        VerificationReport report = new VerificationReport();
        TileCheck.check(
                tiles, new TrailVerifier.TrustedKey("securevisit.test/audit", trail.signer.publicKey()), report);
        return report;
    }

    @Test
    void auditVerifyNamesAlteredDeletedAndTruncatedTiles() throws Exception {
        sevenHundred();
        assertThat(javaCheck().ok()).as(javaCheck().summary()).isTrue();
        Path tile = tiles.resolve("tile/0/001");
        byte[] original = Files.readAllBytes(tile);
        byte[] altered = original.clone();
        altered[40] ^= 1;
        Files.write(tile, altered);
        assertThat(javaCheck().summary())
                .contains("tiles: entry 257 of tile/entries/001 does not match its hash in tile/0/001 (altered)");
        Files.write(tile, original);
        Path bundle = tiles.resolve("tile/entries/001");
        byte[] entries = Files.readAllBytes(bundle);
        Files.write(bundle, java.util.Arrays.copyOf(entries, entries.length - 10));
        assertThat(javaCheck().summary()).contains("tiles: tile/entries/001 is truncated at entry 511");
        Files.write(bundle, entries);
        Files.delete(tiles.resolve("tile/1/000.p/2"));
        assertThat(javaCheck().summary()).contains("tiles: tile/1/000.p/2 is missing (deleted)");
    }

    @Test
    void auditVerifyWithTilesExitsOneOnACheckpointFromAnotherKey() throws Exception {
        sevenHundred();
        List<String> args = new java.util.ArrayList<>(trail.cliArgs());
        args.addAll(List.of(
                "--tiles", tiles.toString(), "--state", dir.resolve("state").toString()));
        trail.writer.stop();
        trail.dataSource.close();
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(VerifyCommand.run(args, new java.io.PrintStream(out, true, StandardCharsets.UTF_8), err))
                .as(out.toString(StandardCharsets.UTF_8))
                .isZero();
        Files.writeString(tiles.resolve(Tiles.CHECKPOINT), TrailFixture.signedByAnotherKey(700, new byte[32]));
        out.reset();
        assertThat(VerifyCommand.run(args, new java.io.PrintStream(out, true, StandardCharsets.UTF_8), err))
                .isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("tiles: the checkpoint does not verify with the trusted key (forged or another key)");
    }

    @Test
    void aClosedMonthIsSealedAnHourAfterItEndsAndServedReadOnly() throws Exception {
        trail = TrailFixture.h2(dir);
        trail.recordConcurrently(0, 300);
        assertThat(trail.checkpointer.checkpointNow()).isEqualTo(300);
        tiles = dir.resolve("tiles");
        java.time.YearMonth month = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
        java.time.Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        SealedMonths early = new SealedMonths(
                trail.dataSource, tiles, java.time.Clock.fixed(end.plusSeconds(60), java.time.ZoneOffset.UTC));
        assertThat(early.sealClosedMonths()).as("within the hour of grace").isEmpty();
        SealedMonths later = new SealedMonths(
                trail.dataSource, tiles, java.time.Clock.fixed(end.plusSeconds(7200), java.time.ZoneOffset.UTC));
        assertThat(later.sealClosedMonths()).containsExactly(month);
        assertThat(later.sealClosedMonths()).as("sealed once").isEmpty();
        String note = trail.checkpoints.latest().orElseThrow().note();
        assertThat(later.read("months/" + month)).get().isEqualTo(note.getBytes(StandardCharsets.UTF_8));
        assertThat(later.read("tile/entries/000")).isPresent();
        assertThat(later.read("tile/0/001.p/44")).isPresent();
        assertThat(later.read("../db/securevisit.mv.db")).isEmpty();
        assertThat(later.read("tile/0/../../x")).isEmpty();
        Result r = check();
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("OK 300 entries");
    }

    @Test
    void tilePathsFollowTheC2spGrouping() {
        assertThat(Tiles.path(0, 1_234_067, 256)).isEqualTo("tile/0/x001/x234/067");
        assertThat(Tiles.path(-1, 5, 17)).isEqualTo("tile/entries/005.p/17");
        assertThat(Tiles.path(2, 1000, 256)).isEqualTo("tile/2/x001/000");
        assertThat(List.of(Tiles.path(1, 0, 2))).containsExactly("tile/1/000.p/2");
    }
}
