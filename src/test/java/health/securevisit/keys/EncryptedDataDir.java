package health.securevisit.keys;

import health.securevisit.SecureVisit;
import health.securevisit.platform.internal.DatabaseTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A data directory with encrypted PHI fields, written by the real application (without its web server). */
final class EncryptedDataDir {

    final Path dir;
    final Map<FieldBinding, byte[]> fields = new LinkedHashMap<>();

    private EncryptedDataDir(Path dir) {
        this.dir = dir;
    }

    /** Starts the application on {@code dir}, stores {@code scopes} encrypted names, stops it. */
    static EncryptedDataDir create(Path dir, int scopes) {
        EncryptedDataDir data = new EncryptedDataDir(dir);
        data.withApplication(context -> {
            FieldEncryption encryption = context.getBean(FieldEncryption.class);
            for (int i = 0; i < scopes; i++) {
                FieldBinding binding = new FieldBinding("patient:" + UUID.randomUUID(), "patient", "name", "" + i);
                data.fields.put(binding, encryption.encryptText(binding, "name " + i));
            }
        });
        return data;
    }

    void withApplication(Consumer<ConfigurableApplicationContext> action) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SecureVisit.class)
                .web(WebApplicationType.NONE)
                .run("--securevisit.data-dir=" + dir, "--securevisit.keys.warmup=0")) {
            action.accept(context);
        }
        // A closed context can leave the embedded database open in this JVM (and its file locked
        // against the child JVMs of the tests): close it as the end of a process would.
        try (Connection c = DriverManager.getConnection(
                        "jdbc:h2:file:" + dir.resolve("db/securevisit") + DatabaseTarget.H2_OPTIONS, "sa", "");
                Statement s = c.createStatement()) {
            s.execute("shutdown");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the application again and decrypts every field stored by {@link #create}. */
    Map<FieldBinding, String> decryptAll() {
        Map<FieldBinding, String> plain = new LinkedHashMap<>();
        withApplication(context -> {
            FieldEncryption encryption = context.getBean(FieldEncryption.class);
            fields.forEach((binding, ciphertext) -> plain.put(binding, encryption.decryptText(binding, ciphertext)));
        });
        return plain;
    }
}
