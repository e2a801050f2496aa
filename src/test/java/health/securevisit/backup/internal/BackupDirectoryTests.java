package health.securevisit.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.securevisit.platform.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code SECUREVISIT_BACKUP_DIR} is refused at start when it lies inside the data directory. */
class BackupDirectoryTests {

    @TempDir
    Path tmp;

    @Test
    void refusesABackupDirectoryInsideTheDataDirectory() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        for (Path inside : new Path[] {data, data.resolve("backups"), tmp.resolve("data/../data/x")}) {
            assertThatThrownBy(() -> OnlineBackups.checked(inside, data))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("SECUREVISIT_BACKUP_DIR");
        }
    }

    @Test
    void refusesALinkIntoTheDataDirectory() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectories(data.resolve("b")));
        assertThatThrownBy(() -> OnlineBackups.checked(link, data)).isInstanceOf(StartupException.class);
    }

    @Test
    void acceptsADirectoryBesideTheDataDirectory() {
        Path data = tmp.resolve("data");
        assertThat(OnlineBackups.checked(tmp.resolve("data-backups"), data)).isEqualTo(tmp.resolve("data-backups"));
        assertThat(OnlineBackups.checked(null, data)).isNull();
    }
}
