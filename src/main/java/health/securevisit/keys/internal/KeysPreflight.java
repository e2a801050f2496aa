package health.securevisit.keys.internal;

import health.securevisit.platform.StartupException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks the keyring before anything starts (after the platform preflight has chosen the data
 * directory and database): a wrong master key or token, or a keyring missing while the database
 * holds wrapped data keys, ends start-up with one line naming the setting. Nothing is created here.
 */
public final class KeysPreflight implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        KeySettings settings;
        try {
            settings = Binder.get(environment).bindOrCreate("securevisit", KeySettings.class);
        } catch (BindException e) {
            String property = e.getProperty() == null
                    ? e.getName().toString()
                    : e.getProperty().getName().toString();
            throw new StartupException(
                    property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), "has an invalid value", e);
        }
        Path dataDir = Path.of(environment.getRequiredProperty("securevisit.data-dir"));
        KeyringLoader.check(
                settings,
                dataDir,
                wrappedDataKeys(
                        environment.getRequiredProperty("spring.datasource.url"),
                        environment.getProperty("spring.datasource.username", ""),
                        environment.getProperty("spring.datasource.password", "")));
    }

    /** Live data keys per KEK version; none before the keys migration has run. */
    static Map<Integer, Long> wrappedDataKeys(String url, String user, String password) {
        Map<Integer, Long> wrapped = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            if (hasTable(connection)) {
                try (ResultSet rs = statement.executeQuery("select kek_version, count(*) from keys_data_key"
                        + " where destroyed_at is null group by kek_version")) {
                    while (rs.next()) {
                        wrapped.put(rs.getInt(1), rs.getLong(2));
                    }
                }
            }
            if (url.startsWith("jdbc:h2:")) {
                // This process holds the data directory: close the embedded database again, or it
                // would stay open (and locked) beside the connection pool until the JVM exits.
                statement.execute("shutdown");
            }
            return wrapped;
        } catch (SQLException e) {
            throw new StartupException("SECUREVISIT_DB_URL", "cannot read the data keys (" + e.getSQLState() + ")", e);
        }
    }

    private static boolean hasTable(Connection connection) throws SQLException {
        for (String name : new String[] {"keys_data_key", "KEYS_DATA_KEY"}) {
            try (ResultSet tables = connection.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 12; // after the platform and TLS preflights
    }
}
