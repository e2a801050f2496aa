package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
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
