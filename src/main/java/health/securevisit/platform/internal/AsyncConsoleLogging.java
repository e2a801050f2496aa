package health.securevisit.platform.internal;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Moves the console's writing off the request threads. Spring Boot's console appender writes and
 * flushes each line under one lock; every request writes an access line, so on a busy server a
 * request thread pre-empted inside that write held up every other request (a blocking profile of
 * the audited chart read: request threads parked on it for 19 s in 20 s). After Boot has set up
 * logging, the console appender is put behind an {@link AsyncAppender}: the request thread formats
 * the event's data (message, thread, MDC) and queues it; one thread writes the lines, in order.
 *
 * <p>Nothing is dropped: the queue never discards (logback drops INFO and below when it is 80 % full
 * by default) and a full queue makes the logging thread wait. On shutdown Boot stops the logging
 * context, which writes what is queued (up to {@link #FLUSH_MILLIS}). A crash of the process can lose
 * the lines still queued; the audit trail, which records every PHI access, never goes through here.
 */
public final class AsyncConsoleLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String CONSOLE = "CONSOLE";
    static final String ASYNC = "ASYNC_CONSOLE";
    static final int QUEUE = 8192;
    static final int FLUSH_MILLIS = 10_000;

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1; // once Boot has configured logging
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            wrap(context);
        }
    }

    /** Puts the root logger's console appender behind an asynchronous one; idempotent. */
    static void wrap(LoggerContext context) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> console = root.getAppender(CONSOLE);
        if (console == null || root.getAppender(ASYNC) != null) {
            return;
        }
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName(ASYNC);
        async.setQueueSize(QUEUE);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(false);
        async.setIncludeCallerData(false);
        async.setMaxFlushTime(FLUSH_MILLIS);
        async.addAppender(console);
        async.start();
        root.addAppender(async);
        root.detachAppender(console);
    }
}
