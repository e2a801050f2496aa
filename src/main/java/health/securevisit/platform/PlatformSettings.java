package health.securevisit.platform;

import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the runtime foundation, bound from {@code SECUREVISIT_*} environment variables (or the
 * matching {@code securevisit.*} properties). After start-up {@link #dataDir()} is absolute.
 *
 * @param dataDir where the embedded database, TLS material and other state live (mode 0700)
 * @param db the external database, or the embedded H2 database when {@code db.url} is empty
 * @param logFormat {@code json} (one JSON object per line) or {@code text}
 * @param maxRequestBody the largest request body accepted; larger bodies get 413
 * @param publicUrl the https address people reach this server at ({@link PublicUrl}); checked at
 *     start by the platform preflight
 */
@ConfigurationProperties("securevisit")
public record PlatformSettings(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Db db,
        @DefaultValue("json") String logFormat,
        @DefaultValue("1MB") DataSize maxRequestBody,
        @Nullable URI publicUrl) {

    /** The database; empty url means the embedded H2 database in the data directory. */
    public record Db(
            @Nullable String url,
            @Nullable String user,
            @Nullable String password) {

        public boolean embedded() {
            return url == null || url.isBlank();
        }

        @Override
        public String toString() {
            return "Db[url=" + (embedded() ? "embedded" : url) + ", user=" + user + ", password=***]";
        }
    }
}
