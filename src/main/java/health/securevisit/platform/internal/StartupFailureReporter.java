package health.securevisit.platform.internal;

import health.securevisit.platform.StartupException;
import java.io.PrintStream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;

/**
 * Turns a start-up failure caused by a setting into one line on standard error, naming the setting
 * and what is wrong, instead of Spring Boot's stack trace. Other failures are left to Spring Boot.
 */
public final class StartupFailureReporter implements SpringBootExceptionReporter, Ordered {

    private final PrintStream err;

    public StartupFailureReporter() {
        this(System.err);
    }

    StartupFailureReporter(PrintStream err) {
        this.err = err;
    }

    @Override
    public boolean reportException(Throwable failure) {
        String line = describe(failure);
        if (line == null) {
            return false;
        }
        err.println("securevisit: cannot start: " + line);
        err.flush();
        return true;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    static @Nullable String describe(Throwable failure) {
        StartupException startup = StartupException.find(failure);
        if (startup != null) {
            return startup.getMessage();
        }
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof PortInUseException inUse) {
                return "SECUREVISIT_PORT: port " + inUse.getPort() + " is already in use";
            }
        }
        return null;
    }
}
