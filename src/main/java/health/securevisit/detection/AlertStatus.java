package health.securevisit.detection;

import java.util.Set;

/** An alert's state; OPEN, ACKNOWLEDGED and INVESTIGATING are open (new matches join them). */
public enum AlertStatus {
    OPEN,
    ACKNOWLEDGED,
    INVESTIGATING,
    RESOLVED,
    FALSE_POSITIVE;

    public boolean open() {
        return this == OPEN || this == ACKNOWLEDGED || this == INVESTIGATING;
    }

    /** The states an alert may move to from this one (a closed alert may only be reopened). */
    public Set<AlertStatus> next() {
        return switch (this) {
            case OPEN -> Set.of(ACKNOWLEDGED, INVESTIGATING, RESOLVED, FALSE_POSITIVE);
            case ACKNOWLEDGED -> Set.of(INVESTIGATING, RESOLVED, FALSE_POSITIVE);
            case INVESTIGATING -> Set.of(RESOLVED, FALSE_POSITIVE);
            case RESOLVED, FALSE_POSITIVE -> Set.of(OPEN);
        };
    }
}
