package health.securevisit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.ChildProcess;
import health.securevisit.support.ChildProcess.Result;
import health.securevisit.support.TestServers;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code securevisit backup|restore} in child JVMs, the way an operator runs them. */
class BackupCommandTests {

    @TempDir
    Path tmp;

    @Test
    void backupOnARunningServerSaysSoInOneLine() throws Exception {
        Path dataDir = TestServers.h2().dataDir();
        Result r = ChildProcess.run(
                Map.of("SECUREVISIT_DATA_DIR", dataDir.toString()),
                "backup",
                tmp.resolve("b").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrLines())
                .singleElement()
                .asString()
                .contains("a SecureVisit server is running on " + dataDir);
        assertThat(tmp.resolve("b")).doesNotExist();
    }

    @Test
    void restoreOfAMissingFileIsOneLineWithoutAStackTrace() throws Exception {
        Result r = ChildProcess.run(
                Map.of("SECUREVISIT_DATA_DIR", tmp.resolve("data").toString()),
                "restore",
                tmp.resolve("missing.backup").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrLines()).singleElement().asString().contains("there is no backup file");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void drillRefusesToRecordIntoADirectoryWithoutAnInstallation() throws Exception {
        Result r = ChildProcess.run(
                Map.of("SECUREVISIT_DATA_DIR", tmp.resolve("nothing").toString()),
                "restore",
                "--drill",
                tmp.resolve("any.backup").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrLines()).singleElement().asString().contains("holds no SecureVisit installation");
        assertThat(tmp.resolve("nothing")).doesNotExist();
    }

    @Test
    void helpListsTheBackupCommands() throws Exception {
        Result r = ChildProcess.run(Map.of(), "help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("backup FILE").contains("restore --drill");
    }
}
