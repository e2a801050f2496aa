package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import java.io.ByteArrayOutputStream;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(MAGIC);
        writeLong(out, seq);
        writeLong(out, ChronoUnit.MICROS.between(Instant.EPOCH, time));
        for (String field : fields(e)) {
            writeField(out, field);
        }
        return out.toByteArray();
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

    private static void writeField(ByteArrayOutputStream out, @Nullable String value) {
        if (value == null) {
            out.write(0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(1);
        out.write(bytes.length >>> 8);
        out.write(bytes.length & 0xff);
        out.writeBytes(bytes);
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift) & 0xff);
        }
    }
}
