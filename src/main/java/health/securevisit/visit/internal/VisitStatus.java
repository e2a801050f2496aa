package health.securevisit.visit.internal;

import java.util.EnumSet;
import java.util.Set;

/**
 * The visit lifecycle: SCHEDULED -> WAITING -> IDENTITY_VERIFIED -> IN_PROGRESS -> ENDED, with
 * CANCELLED and NO_SHOW; ENDED, CANCELLED and NO_SHOW are final.
 */
public enum VisitStatus {
    SCHEDULED,
    WAITING,
    IDENTITY_VERIFIED,
    IN_PROGRESS,
    ENDED,
    CANCELLED,
    NO_SHOW;

    /** The states this one may move to (IDENTITY_VERIFIED only through identity verification). */
    public Set<VisitStatus> next() {
        return switch (this) {
            case SCHEDULED -> EnumSet.of(WAITING, CANCELLED, NO_SHOW);
            case WAITING -> EnumSet.of(IDENTITY_VERIFIED, CANCELLED, NO_SHOW);
            case IDENTITY_VERIFIED -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(ENDED);
            case ENDED, CANCELLED, NO_SHOW -> EnumSet.noneOf(VisitStatus.class);
        };
    }

    /** Cancelled or no-show: the visit's access window is closed and it blocks no schedule. */
    public boolean closed() {
        return this == CANCELLED || this == NO_SHOW;
    }
}
