package health.securevisit.platform.internal;

import health.securevisit.platform.PlatformSettings;
import health.securevisit.platform.StartupException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Checks the platform settings before anything starts and derives the framework properties from
 * them: the data directory (created 0700 and locked), the database (embedded H2 or a reachable
 * PostgreSQL) and the log format. A bad setting stops start-up with a {@link StartupException}.
 */
public final class PlatformPreflight implements EnvironmentPostProcessor, Ordered {

    /** Runs right after application properties are loaded, before the TLS preflight. */
    public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 10;

    static final String WORKER_THREADS = "securevisit.http.worker-threads";

    static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%X{requestId:--} %X{correlationId:--}] %logger{36} - %msg%n";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        PlatformSettings settings = bind(environment);
        Path dataDir = DataDirectory.prepare(settings.dataDir());
        DatabaseTarget db = DatabaseTarget.of(settings.db(), dataDir);
        db.checkReachable();

        Map<String, Object> derived = new LinkedHashMap<>();
        derived.put("securevisit.data-dir", dataDir.toString());
        derived.put("spring.datasource.url", db.url());
        derived.put("spring.datasource.username", db.user() == null ? "" : db.user());
        derived.put("spring.datasource.password", db.password() == null ? "" : db.password());
        switch (settings.logFormat().toLowerCase(Locale.ROOT)) {
            case "json" -> derived.put("logging.structured.format.console", JsonLogFormatter.class.getName());
            case "text" -> derived.put("logging.pattern.console", TEXT_PATTERN);
            default -> throw new StartupException("SECUREVISIT_LOG_FORMAT", "must be json or text");
        }
        int workers = workerThreads(environment, db.embedded());
        derived.put("server.tomcat.threads.max", workers);
        derived.put("server.tomcat.threads.min-spare", Math.min(workers, 10));
        environment.getPropertySources().addFirst(new MapPropertySource("securevisit-platform", derived));
    }

    /**
     * The request worker threads ({@code SECUREVISIT_HTTP_WORKER_THREADS}, 1-1000). Default 8 on the
     * embedded database, where an audited read does not wait for a commit (its record is journaled in
     * the request thread) and a few workers on the cores keep the latency tail short; 200 (Tomcat's
     * default) on PostgreSQL, where each audited read waits for its group commit and the group grows
     * with the reads in flight (docs/benchmarks/chart.md).
     */
    static int workerThreads(ConfigurableEnvironment environment, boolean embedded) {
        String value = environment.getProperty(WORKER_THREADS);
        if (value == null || value.isBlank()) {
            return embedded ? 8 : 200;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new StartupException(envName(WORKER_THREADS), "must be a whole number from 1 to 1000; it is " + value);
    }

    private static PlatformSettings bind(ConfigurableEnvironment environment) {
        try {
            return Binder.get(environment).bindOrCreate("securevisit", PlatformSettings.class);
        } catch (BindException e) {
            String property = e.getProperty() == null
                    ? e.getName().toString()
                    : e.getProperty().getName().toString();
            throw new StartupException(envName(property), "has an invalid value", e);
        }
    }

    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
