package health.securevisit.audit.internal;

import health.securevisit.platform.StartupException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit trail ({@code SECUREVISIT_AUDIT_*}).
 *
 * @param retention how long entries are kept, at least six years (45 CFR 164.316(b)(2)); a shorter
 *     value refuses start-up
 * @param origin the log's name in its checkpoints (and the signing key's name)
 * @param checkpointInterval how often a checkpoint is signed while new entries arrive
 * @param recordTimeout how long {@code record} waits for its commit before failing closed
 * @param maxBatch the most events committed in one transaction (a group grows with the load: it
 *     holds what arrived while the previous group was being committed)
 * @param queueCapacity the most events waiting for a commit
 * @param publishDir where checkpoints and the public key are published (default DATA_DIR/audit)
 * @param verifyInterval how often the server verifies the whole trail itself
 * @param export the file export sinks and the retry policy of every sink
 * @param syslog the syslog (RFC 5424 over TLS, RFC 5425) sink
 * @param journalForce on the embedded database, whether {@code record} waits until the journal's
 *     bytes are forced to disk (the default); {@code false} trades power-loss durability for speed
 *     and is logged as a warning at every start
 */
@ConfigurationProperties("securevisit.audit")
public record AuditSettings(
        @DefaultValue("P6Y") Period retention,
        @DefaultValue("securevisit/audit") String origin,
        @DefaultValue("500ms") Duration checkpointInterval,
        @DefaultValue("10s") Duration recordTimeout,
        @DefaultValue("4096") int maxBatch,
        @DefaultValue("65536") int queueCapacity,
        @Nullable Path publishDir,
        @DefaultValue("1h") Duration verifyInterval,
        @DefaultValue ExportSettings export,
        @DefaultValue SyslogSettings syslog,
        @DefaultValue("true") boolean journalForce) {

    public static final Period MINIMUM_RETENTION = Period.ofYears(6);

    /** The date periods are compared from: a fixed one, so that the check does not read a clock. */
    private static final LocalDate COMPARED_FROM = LocalDate.EPOCH;

    public AuditSettings {
        if (retention.isNegative() || COMPARED_FROM.plus(retention).isBefore(COMPARED_FROM.plus(MINIMUM_RETENTION))) {
            throw new StartupException(
                    "SECUREVISIT_AUDIT_RETENTION",
                    "must be at least six years (P6Y), as HIPAA requires (45 CFR 164.316(b)(2)); it is " + retention);
        }
        if (!origin.matches("[\\x21-\\x2a\\x2c-\\x7e]{1,200}")) {
            throw new StartupException(
                    "SECUREVISIT_AUDIT_ORIGIN", "must be a name of printable characters without spaces or '+'");
        }
        if (checkpointInterval.toMillis() < 10 || checkpointInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new StartupException(
                    "SECUREVISIT_AUDIT_CHECKPOINT_INTERVAL", "must be between 10ms and 1s (a checkpoint every second)");
        }
        if (maxBatch < 1 || queueCapacity < maxBatch) {
            throw new StartupException(
                    "SECUREVISIT_AUDIT_MAX_BATCH", "must be at least 1 and at most SECUREVISIT_AUDIT_QUEUE_CAPACITY");
        }
    }

    Path publishDir(Path dataDir) {
        return publishDir == null ? dataDir.resolve("audit") : publishDir;
    }
}
