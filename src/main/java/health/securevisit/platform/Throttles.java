package health.securevisit.platform;

/** Makes the application's throttles; each module keeps the ones it creates. */
public interface Throttles {

    /** A new throttle named {@code name} (for logs and metrics) counting by {@code rule}. */
    Throttle create(String name, ThrottleRule rule);
}
