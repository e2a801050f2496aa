package health.securevisit.backup.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.backup.RestoreDrill;
import health.securevisit.backup.internal.BackupFormat.Manifest;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.StepUpRequiredException;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.PlatformSettings;
import health.securevisit.platform.StartupException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Backups of the running server into {@code SECUREVISIT_BACKUP_DIR} (docs/backup.md): one at a time,
 * for an administrator whose second factor is as fresh as a role change needs, audited as {@code
 * backup.create} with who, the backup id and the outcome (refusals with their code). The server names
 * the file; the client gives no path.
 */
@Component
public class OnlineBackups {

    private static final Logger log = LoggerFactory.getLogger(OnlineBackups.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile(
            "securevisit-(\\d{8}T\\d{6}Z)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.backup");

    /** A backup written by the server. */
    public record Created(String id, String fileName, long size, String sha256, Instant createdAt, String database) {}

    /** A backup file in the backup directory. */
    public record Stored(String id, String fileName, long size, Instant createdAt) {}

    /** The backups of the backup directory, newest first, and the last recorded restore drills. */
    public record Listing(
            List<Stored> backups,
            @Nullable RestoreDrill lastDrill,
            @Nullable RestoreDrill lastPassedDrill) {}

    private final BackupWriter writer;
    private final JdbcRestoreDrills drills;
    private final CurrentWorkforceUser current;
    private final AuditTrail audit;
    private final Clock clock;
    private final @Nullable Path dir;
    private final Duration stepUpMaxAge;
    private final AtomicBoolean running = new AtomicBoolean();

    OnlineBackups(
            BackupWriter writer,
            JdbcRestoreDrills drills,
            CurrentWorkforceUser current,
            AuditTrail audit,
            Clock clock,
            BackupSettings settings,
            PlatformSettings platform,
            Environment environment) {
        this.writer = writer;
        this.drills = drills;
        this.current = current;
        this.audit = audit;
        this.clock = clock;
        this.dir = checked(settings.dir(), platform.dataDir());
        // The same step-up window as a role change (docs/identity.md).
        this.stepUpMaxAge = Binder.get(environment)
                .bind("securevisit.identity.administration.step-up-max-age", Duration.class)
                .orElse(Duration.ofMinutes(5));
    }

    /** The backup directory, absolute and real; refused inside the data directory. */
    static @Nullable Path checked(@Nullable Path dir, Path dataDir) {
        if (dir == null) {
            return null;
        }
        Path backups = real(dir);
        if (backups.startsWith(real(dataDir))) {
            throw new StartupException(
                    "SECUREVISIT_BACKUP_DIR",
                    "is inside the data directory (" + dataDir + "): keep backups apart from the data they copy");
        }
        return backups;
    }

    private static Path real(Path path) {
        Path p = path.toAbsolutePath().normalize();
        try {
            return Files.exists(p) ? p.toRealPath() : p;
        } catch (IOException e) {
            return p;
        }
    }

    /**
     * Writes a backup of the running server for the signed-in user.
     *
     * @throws StepUpRequiredException unless the session verified a second factor within the step-up window
     * @throws OnlineBackupFailure {@code backup-dir-not-configured}, {@code backup-in-progress} or {@code
     *     backup-failed}
     */
    public Created create() {
        WorkforcePrincipal by = current.current().orElseThrow(StepUpRequiredException::new);
        try {
            current.requireMfaWithin(stepUpMaxAge);
        } catch (StepUpRequiredException e) {
            refused(by, "step-up-required");
            throw e;
        }
        if (dir == null) {
            refused(by, "backup-dir-not-configured");
            throw OnlineBackupFailure.notConfigured();
        }
        if (!running.compareAndSet(false, true)) {
            refused(by, "backup-in-progress");
            throw OnlineBackupFailure.inProgress();
        }
        try {
            String id = UUID.randomUUID().toString();
            String name = "securevisit-" + STAMP.format(clock.instant()) + "-" + id + ".backup";
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Manifest manifest = writer.write(file, id, event -> actor(event, by));
            return new Created(id, name, Files.size(file), sha256(file), manifest.created(), manifest.database());
        } catch (IOException | RuntimeException e) {
            // The writer recorded backup.create ERROR; the message names files and SQL states, never PHI.
            log.warn("backup failed: {}", BackupCli.oneLine(e));
            throw OnlineBackupFailure.failed();
        } finally {
            running.set(false);
        }
    }

    /** The backups in the backup directory (none when it is not configured) and the last restore drills. */
    public Listing list() throws IOException {
        List<Stored> backups = new ArrayList<>();
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Matcher m = NAME.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        Instant at = STAMP.parse(m.group(1), Instant::from);
                        backups.add(new Stored(m.group(2), m.group(0), Files.size(f), at));
                    }
                }
            }
        }
        backups.sort(Comparator.comparing(Stored::createdAt).reversed());
        Optional<RestoreDrill> last = drills.recent(1).stream().findFirst();
        return new Listing(backups, last.orElse(null), drills.lastPassed().orElse(null));
    }

    private void refused(WorkforcePrincipal by, String code) {
        audit.record(actor(AuditEvent.builder("backup.create", Outcome.DENIED, PurposeOfUse.OPERATIONS), by)
                .reason(code)
                .build());
    }

    private static AuditEvent.Builder actor(AuditEvent.Builder event, WorkforcePrincipal by) {
        return event.actor(
                        by.id().toString(),
                        by.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
                .session(by.sessionRef(), by.authMethod());
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = Digests.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return Digests.hex(digest.digest());
    }
}
