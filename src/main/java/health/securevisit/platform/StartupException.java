package health.securevisit.platform;

import org.jspecify.annotations.Nullable;

/**
 * A setting that prevents the server from starting. It names the setting (its environment variable)
 * and says what is wrong in one line, so the operator sees one clear reason instead of a stack trace.
 * The message never contains secrets such as passwords or key material.
 */
public final class StartupException extends RuntimeException {

    private final String setting;

    public StartupException(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
    }

    public StartupException(String setting, String problem, Throwable cause) {
        super(setting + ": " + problem, cause);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    /** The first StartupException in the cause chain of {@code t}, or null. */
    public static @Nullable StartupException find(@Nullable Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StartupException s) {
                return s;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
