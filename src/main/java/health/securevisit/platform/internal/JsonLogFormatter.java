package health.securevisit.platform.internal;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * One JSON object per log line: time (UTC), level, logger, thread, requestId ({@code -} outside a
 * request), the client's correlationId when it sent a well-formed one, message and, when present,
 * the error. Nothing else from the request is ever added.
 */
public final class JsonLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

    private final ThrowableProxyConverter throwables = new ThrowableProxyConverter();

    private final JsonWriter<ILoggingEvent> writer = JsonWriter.<ILoggingEvent>of(members -> {
                members.add("time", e -> Instant.ofEpochMilli(e.getTimeStamp()).toString());
                members.add("level", e -> e.getLevel().toString());
                members.add("logger", ILoggingEvent::getLoggerName);
                members.add("thread", ILoggingEvent::getThreadName);
                members.add("requestId", e -> e.getMDCPropertyMap().getOrDefault(RequestIdFilter.MDC_KEY, "-"));
                members.add("correlationId", e -> e.getMDCPropertyMap().get(RequestIdFilter.CORRELATION_MDC_KEY))
                        .whenNotNull();
                members.add("message", ILoggingEvent::getFormattedMessage);
                members.add("error", e -> e.getThrowableProxy() == null ? null : throwables.convert(e))
                        .whenNotNull();
            })
            .withNewLineAtEnd();

    public JsonLogFormatter() {
        throwables.start();
    }

    @Override
    public String format(ILoggingEvent event) {
        return writer.writeToString(event);
    }
}
