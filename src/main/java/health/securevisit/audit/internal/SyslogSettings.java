package health.securevisit.audit.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The syslog collector ({@code SECUREVISIT_AUDIT_SYSLOG_*}): RFC 5424 messages over TLS with RFC 5425
 * octet-counted framing. The collector's certificate is verified against {@code caFile} (or the JDK's
 * trust store) and must name {@code host}.
 *
 * @param host the collector's host name; empty disables the sink
 * @param port its TLS port (6514 is the registered syslog-tls port)
 * @param caFile PEM certificate(s) of the CA that issued the collector's certificate
 * @param hostname the HOSTNAME field of the messages (default: this machine's name)
 * @param connectTimeout how long to wait for a connection
 */
public record SyslogSettings(
        @Nullable String host,
        @DefaultValue("6514") int port,
        @Nullable Path caFile,
        @Nullable String hostname,
        @DefaultValue("5s") Duration connectTimeout) {

    boolean enabled() {
        return host != null && !host.isBlank();
    }
}
