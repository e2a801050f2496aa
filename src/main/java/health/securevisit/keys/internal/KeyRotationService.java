package health.securevisit.keys.internal;

import health.securevisit.keys.KeyRotation;
import health.securevisit.keys.RotationInProgressException;
import health.securevisit.keys.RotationProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KeyRotation}: the new KEK version is written to the keyring and made active first, so new
 * data keys use it at once; a background worker then re-wraps the others ({@link Rewrapper}).
 * Progress is measured, not counted: done = total - data keys still wrapped by another version, so
 * it stays right across crashes. At start an interrupted rotation is resumed.
 */
final class KeyRotationService implements KeyRotation, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeyRotationService.class);

    private final Keyring keyring;
    private final DataKeyRepository dataKeys;
    private final RotationRepository rotations;
    private final Rewrapper rewrapper;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "securevisit-key-rotation");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<UUID> submitted = ConcurrentHashMap.newKeySet();

    KeyRotationService(
            Keyring keyring,
            DataKeyRepository dataKeys,
            RotationRepository rotations,
            Rewrapper rewrapper,
            Clock clock) {
        this.keyring = keyring;
        this.dataKeys = dataKeys;
        this.rotations = rotations;
        this.rewrapper = rewrapper;
        this.clock = clock;
    }

    @Override
    public synchronized RotationProgress start() {
        Optional<RotationRepository.Row> running = rotations.running();
        if (running.isPresent()) {
            throw new RotationInProgressException(running.get().id());
        }
        int version;
        try {
            version = keyring.addVersion();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a new KEK version could not be created", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the keyring could not be written", e);
        }
        return begin(version);
    }

    /**
     * Resumes the rotation a crash interrupted, or completes one whose record was never written
     * (the new KEK version exists but older versions are still live). Returns it, if any.
     */
    synchronized Optional<RotationProgress> resume() {
        Optional<RotationRepository.Row> running = rotations.running();
        if (running.isPresent()) {
            submit(running.get().id());
            return find(running.get().id());
        }
        int active = keyring.activeVersion();
        boolean retiredLive = keyring.document().keks().stream().anyMatch(k -> k.live() && k.version() != active);
        return retiredLive ? Optional.of(begin(active)) : Optional.empty();
    }

    private RotationProgress begin(int version) {
        UUID id = UUID.randomUUID();
        rotations.insert(id, version, dataKeys.countNotWrappedBy(version), clock.instant());
        submit(id);
        return find(id).orElseThrow();
    }

    private void submit(UUID id) {
        if (submitted.add(id)) {
            worker.execute(() -> {
                try {
                    rotations.find(id).filter(RotationRepository.Row::running).ifPresent(this::run);
                } catch (RuntimeException e) {
                    log.error("key rotation {} stopped; it resumes at the next start", id, e);
                } finally {
                    submitted.remove(id);
                }
            });
        }
    }

    private void run(RotationRepository.Row rotation) {
        if (!rewrapper.rewrapAll(rotation.kekVersion())) {
            return; // interrupted: resumes at the next start
        }
        List<Integer> destroyed = rewrapper.destroyUnreferenced(rotation.kekVersion());
        long remaining = dataKeys.countNotWrappedBy(rotation.kekVersion());
        rotations.complete(
                rotation.id(),
                Math.max(0, rotation.total() - remaining),
                String.join(",", destroyed.stream().map(String::valueOf).toList()),
                clock.instant());
    }

    @Override
    public Optional<RotationProgress> find(UUID id) {
        return rotations.find(id).map(this::progress);
    }

    @Override
    public Optional<RotationProgress> running() {
        return rotations.running().map(this::progress);
    }

    private RotationProgress progress(RotationRepository.Row row) {
        long done =
                row.running() ? Math.max(0, row.total() - dataKeys.countNotWrappedBy(row.kekVersion())) : row.done();
        List<Integer> destroyed = row.destroyedVersions().isEmpty()
                ? List.of()
                : Arrays.stream(row.destroyedVersions().split(","))
                        .map(Integer::valueOf)
                        .toList();
        return new RotationProgress(
                row.id(), row.kekVersion(), row.state(), done, row.total(), row.started(), row.finished(), destroyed);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
