package health.securevisit.audit.internal;

import health.securevisit.platform.SecureVisitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Seals closed months: an hour after a month ends (by the platform clock), the first signed
 * checkpoint that covers every entry recorded before the month's end is published with the tree up
 * to it as C2SP tlog-tiles in {@code PUBLISH_DIR/tiles} ({@link Tiles}), and that checkpoint is kept
 * as {@code tiles/months/YYYY-MM}. Runs at start and hourly; a month waits while no checkpoint
 * covers it yet. Files are only added (full tiles never change), so the directory can be mirrored
 * with rsync or copied to an object store with retention lock. With several nodes, run it on the
 * integrator's leader only (the lease around the integrator decides that).
 */
@Component
public class SealedMonths extends PeriodicJob {

    static final Duration GRACE = Duration.ofHours(1);
    private static final Pattern SERVED = Pattern.compile(
            "checkpoint|months/[0-9]{4}-[0-9]{2}|tile/(entries|[0-9]{1,2})/(x[0-9]{3}/)*[0-9]{3}(\\.p/[0-9]{1,3})?");
    private static final Logger log = LoggerFactory.getLogger(SealedMonths.class);

    private final DataSource dataSource;
    private final Path dir;
    private final Clock clock;

    @Autowired
    SealedMonths(DataSource dataSource, Publication publication, Clock clock) {
        this(dataSource, publication.directory().resolve("tiles"), clock);
    }

    SealedMonths(DataSource dataSource, Path dir, Clock clock) {
        super("audit-tiles", Duration.ofHours(1));
        this.dataSource = dataSource;
        this.dir = dir;
        this.clock = clock;
    }

    /** Seals every closed month not sealed yet, oldest first; returns the months sealed now. */
    public synchronized List<YearMonth> sealClosedMonths() throws SQLException, IOException {
        List<YearMonth> sealed = new ArrayList<>();
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            Optional<Instant> first = firstEntryTime(c);
            if (first.isEmpty()) {
                return sealed;
            }
            YearMonth month = YearMonth.from(first.get().atOffset(ZoneOffset.UTC));
            for (; !start(month.plusMonths(1)).plus(GRACE).isAfter(now); month = month.plusMonths(1)) {
                if (Files.exists(monthFile(month))) {
                    continue;
                }
                Optional<Checkpoints.Stored> cp = covering(c, entriesBefore(c, start(month.plusMonths(1))));
                if (cp.isEmpty()) {
                    break;
                }
                byte[] root =
                        Tiles.publish(c, dir, cp.get().treeSize(), cp.get().note());
                if (!MessageDigest.isEqual(root, cp.get().root())) {
                    throw new IllegalStateException("the tiles of " + month + " do not make the checkpoint's root");
                }
                Files.createDirectories(monthFile(month).getParent());
                Files.writeString(monthFile(month), cp.get().note(), StandardCharsets.UTF_8);
                sealed.add(month);
            }
        }
        return sealed;
    }

    /** A published file, for the read-only tiles endpoint; empty if the path is not one or absent. */
    public Optional<byte[]> read(String path) {
        if (!SERVED.matcher(path).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(dir.resolve(path)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Path directory() {
        return dir;
    }

    private Path monthFile(YearMonth month) {
        return dir.resolve("months").resolve(month.toString());
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static Optional<Instant> firstEntryTime(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(recorded_at) FROM audit_entry");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
            return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
        }
    }

    /** The number of entries recorded before {@code end}: the first later entry's seq, or the tree size. */
    private static long entriesBefore(Connection c, Instant end) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE((SELECT MIN(seq) FROM audit_entry"
                + " WHERE recorded_at >= ?), (SELECT tree_size FROM audit_head WHERE id = 1))")) {
            ps.setObject(1, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Optional<Checkpoints.Stored> covering(Connection c, long size) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_size, root_hash, note, signed_at FROM"
                + " audit_checkpoint WHERE tree_size >= ? ORDER BY tree_size LIMIT 1")) {
            ps.setLong(1, size);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Checkpoints.read(rs)) : Optional.empty();
            }
        }
    }

    @Override
    void runQuietly() {
        try {
            sealClosedMonths();
        } catch (SQLException | IOException | RuntimeException e) {
            log.error(
                    "audit months could not be sealed as tiles (retried in 1 h): {}",
                    e.getClass().getSimpleName());
        }
    }

    /** No such published tile. */
    public static final class TileNotFound extends SecureVisitException {
        public TileNotFound() {
            super(Kind.NOT_FOUND, "tile-not-found", "There is no such published tile.");
        }
    }
}
