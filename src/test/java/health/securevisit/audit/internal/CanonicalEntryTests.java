package health.securevisit.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The canonical encoding is byte for byte the format that docs/audit.md gives to outside verifiers. */
class CanonicalEntryTests {

    @Test
    void encodesTheDocumentedFormat() {
        AuditEvent e = AuditEvent.builder("chart.read", Outcome.DENIED, PurposeOfUse.TREATMENT)
                .reason("no-care-relationship")
                .actor("u-1", "CLINICIAN")
                .patient("p-7")
                .request("req-1")
                .build();
        Instant time = Instant.parse("2026-11-28T12:00:00.123456Z");

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("SVA1".getBytes(StandardCharsets.US_ASCII));
        writeLong(expected, 258L);
        writeLong(expected, time.getEpochSecond() * 1_000_000L + 123_456L);
        for (String field : new String[] {
            "chart.read",
            "DENIED",
            "no-care-relationship",
            "u-1",
            "CLINICIAN",
            null,
            null,
            null,
            null,
            "p-7",
            null,
            "TREATMENT",
            null,
            null,
            "req-1"
        }) {
            if (field == null) {
                expected.write(0);
            } else {
                byte[] b = field.getBytes(StandardCharsets.UTF_8);
                expected.write(1);
                expected.write(b.length >>> 8);
                expected.write(b.length & 0xff);
                expected.writeBytes(b);
            }
        }
        assertThat(CanonicalEntry.encode(258L, time, e)).isEqualTo(expected.toByteArray());
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift) & 0xff);
        }
    }
}
