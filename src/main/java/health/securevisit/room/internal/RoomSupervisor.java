package health.securevisit.room.internal;

import health.securevisit.access.AccessDecision;
import health.securevisit.access.AccessPolicy;
import health.securevisit.access.AccessRequest;
import health.securevisit.access.DataClass;
import health.securevisit.access.Intent;
import health.securevisit.identity.WorkforceSessions;
import health.securevisit.visit.VisitLifecycle;
import health.securevisit.visit.VisitSnapshot;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Closes the room's sockets whose ground has gone, checked every {@link RoomSettings#checkInterval()}
 * on the application clock: a clinician's workforce session that ended (logout, idle, absolute limit,
 * account disabled: 4401, at once when the container destroys the session), a clinician idle for
 * {@link RoomSettings#clinicianIdle()} (warned {@link RoomSettings#idleWarning()} before, then 4408), a
 * clinician's access decision taken again every {@link RoomSettings#recheckInterval()} and now denied
 * (4403), a patient's credential revoked (4401) or visit over (4410).
 */
@Component
class RoomSupervisor implements SmartLifecycle, HttpSessionListener {

    private static final Logger log = LoggerFactory.getLogger(RoomSupervisor.class);

    private final Rooms rooms;
    private final RoomFrames frames;
    private final WorkforceSessions sessions;
    private final AccessPolicy policy;
    private final VisitLifecycle visits;
    private final RoomCredentials credentials;
    private final RoomSettings settings;
    private final Clock clock;
    private volatile @Nullable ScheduledExecutorService executor;

    RoomSupervisor(
            Rooms rooms,
            RoomFrames frames,
            WorkforceSessions sessions,
            AccessPolicy policy,
            VisitLifecycle visits,
            RoomCredentials credentials,
            RoomSettings settings,
            Clock clock) {
        this.rooms = rooms;
        this.frames = frames;
        this.sessions = sessions;
        this.policy = policy;
        this.visits = visits;
        this.credentials = credentials;
        this.settings = settings;
        this.clock = clock;
    }

    /** One pass over every seat of this node. */
    void sweep() {
        Instant now = clock.instant();
        for (Seat seat : rooms.all()) {
            try {
                check(seat, now);
            } catch (RuntimeException e) {
                log.warn("room check of a socket failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    private void check(Seat seat, Instant now) {
        Participant p = seat.participant;
        HttpSession session = p.session();
        if (session != null) {
            if (sessions.live(session).isEmpty()) {
                seat.close(CloseCodes.CREDENTIAL);
                return;
            }
            Duration idle = Duration.between(seat.lastActivity, now);
            if (idle.compareTo(settings.clinicianIdle()) >= 0) {
                seat.close(CloseCodes.IDLE);
                return;
            }
            if (!seat.warned && idle.compareTo(settings.clinicianIdle().minus(settings.idleWarning())) >= 0) {
                seat.warned = true;
                long left = settings.clinicianIdle().minus(idle).toSeconds();
                seat.send(frames.write(frames.frame("idle-warning").put("closesInSeconds", left)));
            }
        }
        if (Duration.between(seat.lastCheck, now).compareTo(settings.recheckInterval()) < 0) {
            return;
        }
        seat.lastCheck = now;
        Optional<VisitSnapshot> visit = visits.find(p.visitId());
        if (visit.isEmpty() || !visit.get().live()) {
            seat.close(CloseCodes.ENDED);
            return;
        }
        if (session != null) {
            Optional<AccessDecision> decision = sessions.as(
                    session,
                    () -> policy.decide(AccessRequest.visit(
                            "room.remain",
                            DataClass.LIVE_VISIT,
                            Intent.REMAIN,
                            "room",
                            visit.get().facts())));
            if (decision.isEmpty()) {
                seat.close(CloseCodes.CREDENTIAL);
            } else if (!decision.get().allowed()) {
                seat.close(CloseCodes.REVOKED);
            }
        } else if (p.credentialId() != null) {
            if (!credentials.stillValid(p.credentialId(), p.visitId())) {
                seat.close(CloseCodes.CREDENTIAL);
            } else {
                credentials.used(p.credentialId());
            }
        }
    }

    /** The container destroyed a workforce session (logout, expiry): its room sockets close at once. */
    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        String id = event.getSession().getId();
        for (Seat seat : rooms.all()) {
            HttpSession session = seat.participant.session();
            if (session != null && session.getId().equals(id)) {
                seat.close(CloseCodes.CREDENTIAL);
            }
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService e = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "room-supervisor");
            t.setDaemon(true);
            return t;
        });
        long every = settings.checkInterval().toMillis();
        e.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        executor = e;
    }

    @Override
    public void stop() {
        ScheduledExecutorService e = executor;
        if (e != null) {
            e.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
