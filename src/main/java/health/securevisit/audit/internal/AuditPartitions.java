package health.securevisit.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL: keeps the monthly partitions of {@code audit_entry} created ahead, the current month
 * and the {@link #AHEAD} after it, at start and every six hours (by the platform clock), through the
 * migration's {@code audit_entry_month} function (idempotent, safe on several nodes at once; each
 * partition gets the append-only triggers). A failure is logged and retried; the append path is not
 * involved: it writes into the current month's partition and fails closed only if that one cannot be
 * written. H2 keeps one table and this does nothing.
 */
@Component
public class AuditPartitions extends PeriodicJob {

    /** Months created ahead of the current one. */
    static final int AHEAD = 2;

    private static final Logger log = LoggerFactory.getLogger(AuditPartitions.class);

    private final DataSource dataSource;
    private final Clock clock;

    AuditPartitions(DataSource dataSource, Clock clock) {
        super("audit-partitions", Duration.ofHours(6));
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Partition name of a month: {@code audit_entry_pYYYYMM}. */
    static String name(YearMonth month) {
        return String.format("audit_entry_p%04d%02d", month.getYear(), month.getMonthValue());
    }

    /** Creates the partitions of the current month and the ones ahead; returns the names created or found. */
    public List<String> createAhead() throws SQLException {
        YearMonth now = YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC));
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            if (!partitioned(c)) {
                return names;
            }
            for (int i = 0; i <= AHEAD; i++) {
                String n = create(c, now.plusMonths(i));
                if (n != null) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    static @Nullable String create(Connection c, YearMonth month) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT audit_entry_month(?)")) {
            ps.setObject(1, LocalDate.of(month.getYear(), month.getMonth(), 1));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** True on PostgreSQL, where audit_entry is partitioned by month. */
    static boolean partitioned(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
    }

    @Override
    void runQuietly() {
        try {
            createAhead();
        } catch (SQLException | RuntimeException e) {
            log.warn(
                    "audit partitions could not be created ahead (retried in 6 h): {}",
                    e.getClass().getSimpleName());
        }
    }
}
