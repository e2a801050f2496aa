package health.securevisit.incident;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** The quarterly tabletop drill clock, for the compliance report. */
public interface DrillSchedule {

    /**
     * @param lastFinished the day the last drill finished, or null if none has
     * @param nextDue the last day of the quarter by which the next drill must finish
     * @param overdue whether {@code nextDue} has passed
     */
    record Status(@Nullable LocalDate lastFinished, LocalDate nextDue, boolean overdue) {}

    Status status();
}
