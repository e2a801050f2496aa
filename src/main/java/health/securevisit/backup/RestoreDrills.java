package health.securevisit.backup;

import java.util.List;
import java.util.Optional;

/** The recorded restore drills (table {@code backup_restore_drill}), for the compliance report. */
public interface RestoreDrills {

    /** The most recent drills, newest first, at most {@code limit}. */
    List<RestoreDrill> recent(int limit);

    /** The most recent drill that passed. */
    Optional<RestoreDrill> lastPassed();
}
