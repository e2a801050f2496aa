package health.securevisit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.ChildProcess;
import health.securevisit.support.ChildProcess.Result;
import health.securevisit.support.Pem;
import health.securevisit.support.TestServers;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad setting ends start-up with exactly one line naming the setting, and a non-zero exit, never a
 * stack trace. Each case runs the real command in its own JVM.
 */
class StartupValidationTests {

    @TempDir
    Path tmp;

    Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("SECUREVISIT_DATA_DIR", tmp.resolve("data").toString());
        env.put("SECUREVISIT_PORT", "0");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    Result runWithTls(String cert, String key) throws Exception {
        return ChildProcess.run(env(
                "SECUREVISIT_TLS_CERT", tmp.resolve(cert).toString(),
                "SECUREVISIT_TLS_KEY", tmp.resolve(key).toString()));
    }

    static void assertOneLineNaming(Result result, String setting, String problem) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(result.stderrLines()).as(result.stderr()).hasSize(1);
        assertThat(result.stderrLines().getFirst())
                .startsWith("securevisit: cannot start: " + setting + ": ")
                .contains(problem);
        assertThat(result.stdout() + result.stderr()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void unreadableCertificateNamesTheSetting() throws Exception {
        Result r = runWithTls("missing.pem", "missing-key.pem");
        assertOneLineNaming(r, "SECUREVISIT_TLS_CERT", "does not exist");
    }

    @Test
    void garbageCertificateNamesTheSetting() throws Exception {
        Files.writeString(tmp.resolve("cert.pem"), "not a certificate");
        Files.writeString(tmp.resolve("key.pem"), "not a key");
        Result r = runWithTls("cert.pem", "key.pem");
        assertOneLineNaming(r, "SECUREVISIT_TLS_CERT", "");
    }

    @Test
    void weakRsaKeyIsRefused() throws Exception {
        Pem.write(tmp, Pem.keyPair("RSA", 1024));
        Result r = runWithTls("cert.pem", "key.pem");
        assertOneLineNaming(r, "SECUREVISIT_TLS_CERT", "1024 bits is too weak");
    }

    @Test
    void keyThatDoesNotMatchTheCertificateIsRefused() throws Exception {
        Instant now = Instant.now();
        KeyPair certKey = Pem.keyPair("EC", 256);
        Pem.write(tmp, certKey, Pem.keyPair("EC", 256), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(9)));
        Result r = runWithTls("cert.pem", "key.pem");
        assertOneLineNaming(r, "SECUREVISIT_TLS_KEY", "does not belong to the certificate");
    }

    @Test
    void expiredCertificateIsRefused() throws Exception {
        KeyPair pair = Pem.keyPair("EC", 256);
        Instant now = Instant.now();
        Pem.write(tmp, pair, pair, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        Result r = runWithTls("cert.pem", "key.pem");
        assertOneLineNaming(r, "SECUREVISIT_TLS_CERT", "expired");
    }

    @Test
    void certificateWithoutKeyIsRefused() throws Exception {
        Pem.write(tmp, Pem.keyPair("EC", 256));
        Result r = ChildProcess.run(
                env("SECUREVISIT_TLS_CERT", tmp.resolve("cert.pem").toString()));
        assertOneLineNaming(r, "SECUREVISIT_TLS_KEY", "must be set together");
    }

    @Test
    void unreachableDatabaseNamesTheSetting() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Result r = ChildProcess.run(env("SECUREVISIT_DB_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/x"));
        assertOneLineNaming(r, "SECUREVISIT_DB_URL", "cannot connect to the database");
    }

    @Test
    void remoteDatabaseWithoutVerifiedTlsIsRefused() throws Exception {
        Result r = ChildProcess.run(env("SECUREVISIT_DB_URL", "jdbc:postgresql://db.example.org:5432/securevisit"));
        assertOneLineNaming(r, "SECUREVISIT_DB_URL", "sslmode=verify-full");
    }

    @Test
    void nonPostgresDatabaseIsRefused() throws Exception {
        Result r = ChildProcess.run(env("SECUREVISIT_DB_URL", "jdbc:mysql://127.0.0.1/x"));
        assertOneLineNaming(r, "SECUREVISIT_DB_URL", "PostgreSQL");
    }

    @Test
    void portInUseNamesTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Result r = ChildProcess.run(env("SECUREVISIT_PORT", Integer.toString(taken.getLocalPort())));
            assertOneLineNaming(r, "SECUREVISIT_PORT", "already in use");
        }
    }

    @Test
    void invalidPortNamesTheSetting() throws Exception {
        Result r = ChildProcess.run(env("SECUREVISIT_PORT", "70000"));
        assertOneLineNaming(r, "SECUREVISIT_PORT", "between 1 and 65535");
    }

    @Test
    void dataDirectoryThatCannotBeCreatedNamesTheSetting() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        Result r = ChildProcess.run(
                env("SECUREVISIT_DATA_DIR", file.resolve("data").toString()));
        assertOneLineNaming(r, "SECUREVISIT_DATA_DIR", "cannot create");
    }

    @Test
    void dataDirectoryThatIsAFileNamesTheSetting() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        Result r = ChildProcess.run(env("SECUREVISIT_DATA_DIR", file.toString()));
        assertOneLineNaming(r, "SECUREVISIT_DATA_DIR", "not a directory");
    }

    @Test
    void secondServerOnTheSameDataDirectoryIsRefused() throws Exception {
        Path inUse = TestServers.h2().dataDir();
        Result r = ChildProcess.run(env("SECUREVISIT_DATA_DIR", inUse.toString()));
        assertOneLineNaming(r, "SECUREVISIT_DATA_DIR", "in use by another SecureVisit server");
    }

    @Test
    void configuredCertificateNeedsThePublicUrl() throws Exception {
        Pem.write(tmp, Pem.keyPair("EC", 256));
        Result r = runWithTls("cert.pem", "key.pem");
        assertOneLineNaming(r, "SECUREVISIT_PUBLIC_URL", "is required when SECUREVISIT_TLS_CERT is set");
    }

    @Test
    void publicUrlThatIsNotHttpsNamesTheSetting() throws Exception {
        Result r = ChildProcess.run(env("SECUREVISIT_PUBLIC_URL", "http://visit.example.org"));
        assertOneLineNaming(r, "SECUREVISIT_PUBLIC_URL", "must be an https URL");
    }

    @Test
    void unknownLogFormatNamesTheSetting() throws Exception {
        Result r = ChildProcess.run(env("SECUREVISIT_LOG_FORMAT", "xml"));
        assertOneLineNaming(r, "SECUREVISIT_LOG_FORMAT", "json or text");
    }

    @Test
    void workerThreadsOutOfRangeNameTheSetting() throws Exception {
        Result r = ChildProcess.run(env("SECUREVISIT_HTTP_WORKER_THREADS", "0"));
        assertOneLineNaming(r, "SECUREVISIT_HTTP_WORKER_THREADS", "from 1 to 1000");
    }
}
