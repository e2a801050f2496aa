package health.securevisit.audit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows of audit entries in PostgreSQL's binary COPY format, and the {@code COPY ... FROM STDIN
 * (FORMAT binary)} that stores them: per row the field count, then each field as a 4-byte length
 * and its bytes (-1 for NULL); the stream has a fixed header and a 2-byte -1 at the end. PostgreSQL
 * parses this far faster than the parameters of multi-row INSERT statements; same columns, same
 * constraints and indexes, same transaction. The sequencer encodes the rows while it hashes (it
 * has each field's bytes at hand then), so the committer only sends them. Not thread-safe.
 */
final class EntryCopy {

    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };
    private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    private static final short FIELDS = 18;
    /** Microseconds from 1970-01-01T00:00Z to PostgreSQL's epoch, 2000-01-01T00:00Z. */
    private static final long PG_EPOCH_MICROS =
            ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2000-01-01T00:00:00Z"));

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf = new byte[0];
    private int pos;
    private int rows;

    /** True if {@code c} is a PostgreSQL connection (possibly behind a pool's proxy). */
    static boolean supports(Connection c) throws SQLException {
        return c.isWrapperFor(PGConnection.class);
    }

    int rows() {
        return rows;
    }

    /** Adds the row of an entry whose text fields are {@code fields} ({@link CanonicalEntry#fieldBytes}). */
    void add(long seq, Instant time, byte[] @Nullable [] fields, byte[] leafHash) {
        int size = 2 + 12 + 12 + 4 + leafHash.length;
        for (byte[] f : fields) {
            size += 4 + (f == null ? 0 : f.length);
        }
        ensure(size);
        SHORT.set(buf, pos, FIELDS);
        INT.set(buf, pos + 2, 8);
        LONG.set(buf, pos + 6, seq);
        INT.set(buf, pos + 14, 8);
        LONG.set(buf, pos + 18, ChronoUnit.MICROS.between(Instant.EPOCH, time) - PG_EPOCH_MICROS);
        pos += 26;
        for (byte[] f : fields) {
            if (f == null) {
                INT.set(buf, pos, -1);
                pos += 4;
            } else {
                putBytes(f);
            }
        }
        putBytes(leafHash);
        rows++;
    }

    void add(StoredEntry e) {
        add(e.seq(), e.time(), CanonicalEntry.fieldBytes(e.event()), e.leafHash());
    }

    /** Adds the rows of {@code other} after these. */
    void addAll(EntryCopy other) {
        ensure(other.pos);
        System.arraycopy(other.buf, 0, buf, pos, other.pos);
        pos += other.pos;
        rows += other.rows;
    }

    /** Stores the rows into {@code table} on {@code c} (in the caller's transaction). */
    void copy(Connection c, String table) throws SQLException {
        String sql = "COPY " + table + " (" + StoredEntry.COLUMNS + ") FROM STDIN (FORMAT binary)";
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            in.writeToCopy(HEADER, 0, HEADER.length);
            in.writeToCopy(buf, 0, pos);
            in.writeToCopy(TRAILER, 0, TRAILER.length);
            long stored = in.endCopy();
            if (stored != rows) {
                throw new SQLException("COPY stored " + stored + " of " + rows + " audit entries");
            }
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private void putBytes(byte[] b) {
        INT.set(buf, pos, b.length);
        System.arraycopy(b, 0, buf, pos + 4, b.length);
        pos += 4 + b.length;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(Math.max(buf.length * 2, 4096), pos + more));
        }
    }
}
