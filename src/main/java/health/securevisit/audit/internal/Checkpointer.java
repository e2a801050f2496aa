package health.securevisit.audit.internal;

import health.securevisit.keys.CheckpointSigner;
import health.securevisit.platform.PlatformSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Signs a checkpoint of the committed tree head every {@code checkpointInterval} while the tree grows
 * (and a last one at shutdown), stores it and appends it to the published checkpoint file. In a
 * cluster only the node that {@link CheckpointLeader leads} signs.
 */
@Component
class Checkpointer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    private final TreeReader tree;
    private final Checkpoints checkpoints;
    private final CheckpointSigner signer;
    private final Publication publication;
    private final AuditSettings settings;
    private final Clock clock;
    private final CheckpointLeader leader;
    private @Nullable ScheduledExecutorService scheduler;
    private long signedSize = -1;

    /** A checkpointer that always signs (one node). */
    Checkpointer(
            TreeReader tree,
            Checkpoints checkpoints,
            CheckpointSigner signer,
            Publication publication,
            AuditSettings settings,
            Clock clock) {
        this(
                tree,
                checkpoints,
                signer,
                publication,
                settings,
                clock,
                new CheckpointLeader(new PlatformSettings.Db(null, null, null)));
    }

    @Autowired
    Checkpointer(
            TreeReader tree,
            Checkpoints checkpoints,
            CheckpointSigner signer,
            Publication publication,
            AuditSettings settings,
            Clock clock,
            CheckpointLeader leader) {
        this.clock = clock;
        this.leader = leader;
        this.tree = tree;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.publication = publication;
        this.settings = settings;
    }

    /** Signs the current head if it is not signed yet; returns the latest signed size. */
    synchronized long checkpointNow() {
        TreeReader.Head head = tree.head();
        if (signedSize < 0) {
            signedSize = checkpoints.latest().map(Checkpoints.Stored::treeSize).orElse(-1L);
        }
        if (head.size() <= signedSize) {
            return signedSize;
        }
        CheckpointNote body = new CheckpointNote(settings.origin(), head.size(), head.root());
        byte[] signature = signer.sign(body.body().getBytes(StandardCharsets.UTF_8));
        String note = body.sign(settings.origin(), signer.publicKey(), signature);
        if (checkpoints.add(new Checkpoints.Stored(head.size(), head.root(), note, clock.instant()))) {
            publication.append(note);
        }
        signedSize = head.size();
        return signedSize;
    }

    private void tick() {
        try {
            if (leader.leads()) { // one signer in a cluster (CheckpointLeader)
                checkpointNow();
            }
        } catch (RuntimeException e) {
            log.error("cannot sign an audit checkpoint: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void start() {
        publication.publishKey(signer);
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-checkpointer");
            t.setDaemon(true);
            return t;
        });
        long interval = settings.checkpointInterval().toMillis();
        s.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.shutdown();
            try {
                s.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
            tick();
            leader.release();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Stops after the writer (phase 0), so that the last events get a checkpoint. */
    @Override
    public int getPhase() {
        return -1;
    }
}
