package health.securevisit.audit.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes a group of entries into PostgreSQL with one {@code COPY ... FROM STDIN (FORMAT binary)}: the
 * rows travel as one stream in PostgreSQL's binary copy format (a header, then per row the field
 * count and each field as a 4-byte length and its bytes, -1 for NULL; a 2-byte -1 at the end), which
 * PostgreSQL parses far faster than the parameters of multi-row INSERT statements. Same columns, same
 * constraints and indexes, same transaction. One instance belongs to the single writer thread and
 * reuses its buffer (not thread-safe).
 */
final class EntryCopy {

    static final String COPY = "COPY audit_entry (" + StoredEntry.COLUMNS + ") FROM STDIN (FORMAT binary)";

    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };
    private static final int FIELDS = 18;
    /** Microseconds from 1970-01-01T00:00Z to PostgreSQL's epoch, 2000-01-01T00:00Z. */
    private static final long PG_EPOCH_MICROS =
            ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2000-01-01T00:00:00Z"));

    private byte[] buf = new byte[1 << 16];
    private int pos;

    /** True if {@code c} is a PostgreSQL connection (possibly behind a pool's proxy). */
    static boolean supports(Connection c) throws SQLException {
        return c.isWrapperFor(PGConnection.class);
    }

    /** Copies the entries into audit_entry on {@code c} (in the caller's transaction). */
    void copy(Connection c, List<StoredEntry> entries) throws SQLException {
        encode(entries);
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            in.writeToCopy(buf, 0, pos);
            long rows = in.endCopy();
            if (rows != entries.size()) {
                throw new SQLException("COPY stored " + rows + " of " + entries.size() + " audit entries");
            }
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Puts the binary copy stream of the entries into the buffer. */
    private void encode(List<StoredEntry> entries) {
        pos = 0;
        put(HEADER, 0, HEADER.length);
        for (StoredEntry e : entries) {
            putShort(FIELDS);
            putInt(8);
            putLong(e.seq());
            putInt(8);
            putLong(ChronoUnit.MICROS.between(Instant.EPOCH, e.time()) - PG_EPOCH_MICROS);
            for (@Nullable String field : CanonicalEntry.fields(e.event())) {
                putText(field);
            }
            putInt(e.leafHash().length);
            put(e.leafHash(), 0, e.leafHash().length);
        }
        putShort(-1);
    }

    private void putText(@Nullable String value) {
        if (value == null) {
            putInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        put(bytes, 0, bytes.length);
    }

    private void put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    private void putShort(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void putInt(int v) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (v >>> shift);
        }
    }

    private void putLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (v >>> shift);
        }
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
