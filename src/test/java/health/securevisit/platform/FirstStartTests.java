package health.securevisit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.support.RunningServer;
import health.securevisit.support.TestServers;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the first start on an empty data directory leaves behind. */
class FirstStartTests {

    final RunningServer server = TestServers.h2();

    @Test
    void dataDirectoryIsPrivateToTheServiceAccount() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.dataDir())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(server.dataDir().resolve("tls/server.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void generatesSelfSignedEcdsaP256CertificateForLocalhost() throws Exception {
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(server.dataDir().resolve("tls/server.crt"))) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) cert.getPublicKey()).getParams().toString()).contains("secp256r1");
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        List<String> names = cert.getSubjectAlternativeNames().stream()
                .map(n -> n.get(1).toString())
                .toList();
        assertThat(names).contains("localhost", "127.0.0.1");
        cert.checkValidity();
    }

    @Test
    void usesAnEmbeddedH2DatabaseInTheDataDirectory() throws Exception {
        assertThat(server.dataDir().resolve("db/securevisit.mv.db")).exists();
        try (var c = server.context().getBean(DataSource.class).getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("H2");
        }
    }

    @Test
    void flywayMigrationsRanAtStart() {
        JdbcTemplate jdbc = new JdbcTemplate(server.context().getBean(DataSource.class));
        List<String> applied = jdbc.queryForList(
                "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"",
                String.class);
        assertThat(applied).isNotEmpty().startsWith("1");
    }
}
