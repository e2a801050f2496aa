package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The canonical encoding of an audit entry, the leaf data of the Merkle tree (docs/audit.md gives
 * the format so that outside parties can recompute leaves): the 4 bytes {@code SVA1}, the sequence
 * number (8 bytes, big endian), the time in microseconds since 1970-01-01T00:00Z (8 bytes, big
 * endian), then 15 fields in a fixed order, each either {@code 0x00} (absent) or {@code 0x01}, a
 * 2-byte big-endian length and that many bytes of UTF-8.
 */
final class CanonicalEntry {

    static final byte[] MAGIC = "SVA1".getBytes(StandardCharsets.US_ASCII);
    /** The number of fields of an entry. */
    static final int FIELDS = 15;

    private CanonicalEntry() {}

    /** The time as stored: UTC, microsecond precision. */
    static Instant storedTime(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    static byte[] encode(long seq, Instant time, AuditEvent e) {
        return encode(seq, time, fieldBytes(e));
    }

    /** The encoding from the fields' UTF-8 bytes ({@link #fieldBytes}), written into one exact array. */
    static byte[] encode(long seq, Instant time, byte[] @Nullable [] fields) {
        int size = MAGIC.length + 16;
        for (byte[] f : fields) {
            size += f == null ? 1 : 3 + f.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size); // big endian
        out.put(MAGIC).putLong(seq).putLong(ChronoUnit.MICROS.between(Instant.EPOCH, time));
        for (byte[] f : fields) {
            if (f == null) {
                out.put((byte) 0);
            } else {
                out.put((byte) 1).putShort((short) f.length).put(f);
            }
        }
        return out.array();
    }

    /**
     * The entry that {@code encoding} encodes, with its leaf hash (the audit journal's start-up
     * replay). Anything that is not exactly one canonical encoding is refused.
     */
    static StoredEntry decode(byte[] encoding) {
        try {
            ByteBuffer in = ByteBuffer.wrap(encoding);
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a canonical audit entry");
            }
            long seq = in.getLong();
            Instant time = Instant.EPOCH.plus(in.getLong(), ChronoUnit.MICROS);
            String[] f = new String[FIELDS];
            for (int i = 0; i < FIELDS; i++) {
                byte present = in.get();
                if (present == 1) {
                    byte[] value = new byte[Short.toUnsignedInt(in.getShort())];
                    in.get(value);
                    f[i] = new String(value, StandardCharsets.UTF_8);
                } else if (present != 0) {
                    throw new IllegalArgumentException("field " + i + " is neither absent nor present");
                }
            }
            if (in.hasRemaining() || seq < 0) {
                throw new IllegalArgumentException("not a canonical audit entry");
            }
            AuditEvent event = new AuditEvent(
                    f[0],
                    Outcome.valueOf(f[1]),
                    f[2],
                    f[3],
                    f[4],
                    f[5],
                    f[6],
                    f[7],
                    f[8],
                    f[9],
                    f[10],
                    PurposeOfUse.valueOf(f[11]),
                    f[12],
                    f[13],
                    f[14]);
            return new StoredEntry(seq, time, event, MerkleHashes.leaf(encoding));
        } catch (BufferUnderflowException | NullPointerException e) {
            throw new IllegalArgumentException("a truncated canonical audit entry", e);
        }
    }

    /** The UTF-8 bytes of the fields in their canonical order, null where a field is absent. */
    static byte[] @Nullable [] fieldBytes(AuditEvent e) {
        List<@Nullable String> fields = fields(e);
        byte[][] out = new byte[fields.size()][];
        for (int i = 0; i < out.length; i++) {
            String f = fields.get(i);
            out[i] = f == null ? null : f.getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** The fields in their canonical order (also the column order of audit_entry). */
    static List<@Nullable String> fields(AuditEvent e) {
        return Arrays.asList(
                e.action(),
                e.outcome().name(),
                e.reason(),
                e.actorId(),
                e.actorRole(),
                e.sessionRef(),
                e.authMethod(),
                e.resourceType(),
                e.resourceId(),
                e.patientId(),
                e.visitId(),
                e.purpose().name(),
                e.sourceAddress(),
                e.deviceId(),
                e.requestId());
    }
}
