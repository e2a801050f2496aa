package health.securevisit.keys.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of a rotation: re-wraps live data keys to the target KEK version in batches (data is
 * never touched), then destroys every retired version that no data key references any more.
 */
final class Rewrapper {

    private static final Logger log = LoggerFactory.getLogger(Rewrapper.class);
    private static final UUID FIRST = new UUID(0, 0);

    private final Keyring keyring;
    private final DataKeys keys;
    private final DataKeyRepository dataKeys;
    private final int batchSize;
    private final Duration pause;

    Rewrapper(Keyring keyring, DataKeys keys, DataKeyRepository dataKeys, int batchSize, Duration pause) {
        this.keyring = keyring;
        this.keys = keys;
        this.dataKeys = dataKeys;
        this.batchSize = Math.max(1, batchSize);
        this.pause = pause;
    }

    /** Re-wraps every live data key to {@code target}; false if interrupted first. */
    boolean rewrapAll(int target) {
        UUID after = FIRST;
        long failed = 0;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            List<DataKeyRepository.Row> batch = dataKeys.notWrappedBy(target, after, batchSize);
            if (batch.isEmpty()) {
                break;
            }
            for (DataKeyRepository.Row row : batch) {
                try {
                    // A key destroyed meanwhile is simply not updated.
                    dataKeys.rewrap(row.id(), row.kekVersion(), target, keys.rewrap(row, target));
                } catch (GeneralSecurityException e) {
                    failed++;
                    log.error("data key {} cannot be unwrapped and keeps its KEK version", row.name(), e);
                }
            }
            after = batch.getLast().id();
            if (!pause.isZero() && !sleep()) {
                return false;
            }
        }
        if (failed > 0) {
            log.error("{} data key(s) could not be re-wrapped; their KEK versions are kept", failed);
        }
        return true;
    }

    /** Destroys the retired versions no live data key references; returns them. */
    List<Integer> destroyUnreferenced(int active) {
        List<Integer> destroyed = new ArrayList<>();
        for (KeyringDocument.Kek kek : keyring.document().keks()) {
            int version = kek.version();
            if (version == active || !kek.live()) {
                continue;
            }
            try {
                if (keyring.destroyIfUnreferenced(version, () -> dataKeys.countWrappedBy(version))) {
                    destroyed.add(version);
                    log.info("KEK version {} destroyed: no data key references it", version);
                } else {
                    log.warn("KEK version {} is retired but still referenced; it is kept", version);
                }
            } catch (GeneralSecurityException | IOException e) {
                log.error("KEK version {} could not be destroyed", version, e);
            }
        }
        return destroyed;
    }

    private boolean sleep() {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
