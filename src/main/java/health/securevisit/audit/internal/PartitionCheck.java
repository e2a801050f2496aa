package health.securevisit.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL: the verifier's check of the monthly partitions. Every month in which a checkpoint was
 * signed, and every month between the first and the last partition, must have its partition
 * ({@code audit_entry_pYYYYMM}, or {@code audit_entry_before_months} below its bound); a partition
 * whose name does not match its month was renamed. A missing partition also shows as missing
 * entries; this names it.
 */
final class PartitionCheck {

    private static final Pattern MONTH_BOUND = Pattern.compile(
            "FOR VALUES FROM \\('(\\d{4})-(\\d{2})-01 00:00:00\\+00'\\) TO \\('(\\d{4})-(\\d{2})-01 00:00:00\\+00'\\)");
    private static final Pattern BEFORE_BOUND =
            Pattern.compile("FOR VALUES FROM \\(MINVALUE\\) TO \\('(\\d{4})-(\\d{2})-01 00:00:00\\+00'\\)");

    private PartitionCheck() {}

    static void check(Connection c, VerificationReport report) throws SQLException {
        if (!AuditPartitions.partitioned(c)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL TimeZone = 'UTC'");
        }
        Map<YearMonth, String> byMonth = new HashMap<>();
        YearMonth before = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)"
                        + " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'audit_entry'::regclass ORDER BY 1");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1);
                String bound = rs.getString(2);
                Matcher m = MONTH_BOUND.matcher(bound);
                Matcher b = BEFORE_BOUND.matcher(bound);
                if (m.matches()) {
                    YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                    byMonth.put(month, name);
                    if (!name.equals(AuditPartitions.name(month))) {
                        report.problem(
                                -1,
                                "partition " + name + " holds the entries of " + month + " but is named " + name
                                        + " (renamed; its name must be " + AuditPartitions.name(month) + ")");
                    }
                } else if (b.matches()) {
                    before = YearMonth.of(Integer.parseInt(b.group(1)), Integer.parseInt(b.group(2)));
                } else {
                    report.problem(-1, "partition " + name + " of audit_entry does not cover one month: " + bound);
                }
            }
        }
        TreeSet<YearMonth> expected = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT DISTINCT to_char(signed_at AT TIME ZONE 'UTC', 'YYYY-MM') FROM audit_checkpoint");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                expected.add(YearMonth.parse(rs.getString(1)));
            }
        }
        if (!byMonth.isEmpty()) {
            TreeSet<YearMonth> present = new TreeSet<>(byMonth.keySet());
            for (YearMonth m = present.first(); !m.isAfter(present.last()); m = m.plusMonths(1)) {
                expected.add(m);
            }
        }
        for (YearMonth month : expected) {
            boolean covered = byMonth.containsKey(month) || (before != null && month.isBefore(before));
            if (!covered) {
                report.problem(
                        -1,
                        "partition " + AuditPartitions.name(month) + " (the entries of " + month
                                + ") is missing: dropped, detached or renamed away");
            }
        }
    }
}
