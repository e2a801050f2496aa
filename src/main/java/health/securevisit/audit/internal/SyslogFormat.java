package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * RFC 5424 messages with RFC 5425 octet-counted framing: {@code <PRI>1 TIMESTAMP HOSTNAME securevisit
 * PROCID MSGID [audit@32473 ...] MSG}. Facility 13 (log audit); severity notice for success, warning
 * for denied, error for error. MSGID is the action; the structured data carries the sequence number,
 * outcome, purpose and leaf hash; MSG is the entry as one JSON line. (32473 is the private enterprise
 * number that RFC 5612 reserves for documentation; replace it with your own if a collector needs it.)
 */
final class SyslogFormat {

    static final int FACILITY_LOG_AUDIT = 13;
    static final String SD_ID = "audit@32473";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

    private final String hostname;
    private final String procId;

    SyslogFormat(String hostname, long pid) {
        this.hostname = printable(hostname, 255);
        this.procId = Long.toString(pid);
    }

    String message(StoredEntry entry) {
        AuditEvent e = entry.event();
        int severity = switch (e.outcome()) {
            case SUCCESS -> 5;
            case DENIED -> 4;
            case ERROR -> 3;
        };
        return "<" + (FACILITY_LOG_AUDIT * 8 + severity) + ">1 " + TIME.format(entry.time()) + " " + hostname
                + " securevisit " + procId + " " + printable(e.action(), 32) + " [" + SD_ID
                + " seq=\"" + entry.seq() + "\" outcome=\"" + e.outcome() + "\" purpose=\""
                + e.purpose().hl7Code()
                + "\" leaf=\"" + escape(Base64.getEncoder().encodeToString(entry.leafHash())) + "\"] "
                + EntryView.jsonLine(entry);
    }

    /** RFC 5425 section 4.3: MSG-LEN SP SYSLOG-MSG, the length in octets. */
    static byte[] frame(String message) {
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (msg.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + msg.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(msg, 0, out, prefix.length, msg.length);
        return out;
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]");
    }

    private static String printable(String s, int max) {
        String p = s.replaceAll("[^\\x21-\\x7e]", "_");
        return p.isEmpty() ? "-" : p.length() > max ? p.substring(0, max) : p;
    }
}
