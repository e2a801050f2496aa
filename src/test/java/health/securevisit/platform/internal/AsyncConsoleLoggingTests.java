package health.securevisit.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The console behind its asynchronous appender, on a logging context of its own: far more INFO lines
 * than the queue holds, logged faster than the console takes them, all arrive in order with the
 * request id of the thread that logged them, and stopping the context writes what is still queued.
 */
class AsyncConsoleLoggingTests {

    /** Stands in for the console: slow, and keeps what it was given. */
    static final class SlowConsole extends AppenderBase<ILoggingEvent> {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(event.getMDCPropertyMap().get(RequestIdFilter.MDC_KEY) + " " + event.getFormattedMessage());
            if (lines.size() % 1000 == 0) {
                try {
                    Thread.sleep(20); // the queue fills up behind it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Test
    void noLineIsDroppedOrReorderedAndStoppingWritesWhatIsQueued() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the adapter MDC.put writes to, as in the application's context
        SlowConsole console = new SlowConsole();
        console.setContext(context);
        console.setName(AsyncConsoleLogging.CONSOLE);
        console.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);

        AsyncConsoleLogging.wrap(context);
        AsyncConsoleLogging.wrap(context); // a second set-up of logging in the same process
        assertThat(root.getAppender(AsyncConsoleLogging.CONSOLE)).isNull();
        assertThat(root.getAppender(AsyncConsoleLogging.ASYNC)).isNotNull();

        int n = 3 * AsyncConsoleLogging.QUEUE;
        Logger access = context.getLogger("securevisit.access");
        MDC.put(RequestIdFilter.MDC_KEY, "request-1");
        try {
            for (int i = 0; i < n; i++) {
                access.info("GET /api/v1/health 200 {}ms", i);
            }
        } finally {
            MDC.remove(RequestIdFilter.MDC_KEY);
        }
        context.stop();

        assertThat(console.lines)
                .containsExactlyElementsOf(IntStream.range(0, n)
                        .mapToObj(i -> "request-1 GET /api/v1/health 200 " + i + "ms")
                        .toList());
    }
}
