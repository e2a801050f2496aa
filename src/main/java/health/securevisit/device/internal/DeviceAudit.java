package health.securevisit.device.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.internal.RequestIdFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The device module's audit records (ids and codes only): who (a principal, or an integration for
 * machine reports), which device, the outcome and a reason code. Synchronous: if the trail is down
 * the request fails.
 */
@Component
public class DeviceAudit {

    private final AuditTrail trail;

    DeviceAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public void record(
            @Nullable WorkforcePrincipal by,
            String action,
            Outcome outcome,
            @Nullable String reason,
            @Nullable UUID deviceId) {
        record(by, action, outcome, reason, "device", deviceId);
    }

    /** A record about another kind of resource of the module (for example a posture exception). */
    public void record(
            @Nullable WorkforcePrincipal by,
            String action,
            Outcome outcome,
            @Nullable String reason,
            String resourceType,
            @Nullable UUID resourceId) {
        trail.record(event(by, action, outcome, reason, resourceType, resourceId));
    }

    /** The event {@link #record} would write, built on the calling thread (request id and address). */
    AuditEvent event(
            @Nullable WorkforcePrincipal by,
            String action,
            Outcome outcome,
            @Nullable String reason,
            String resourceType,
            @Nullable UUID resourceId) {
        AuditEvent.Builder event = AuditEvent.builder(action, outcome, PurposeOfUse.SYSTEM_ADMINISTRATION)
                .reason(reason)
                .resource(resourceType, resourceId == null ? null : resourceId.toString());
        if (by != null) {
            Role role = by.roles().stream().min(Comparator.naturalOrder()).orElse(null);
            event.actor(by.id().toString(), role == null ? null : role.name())
                    .session(by.sessionRef(), by.authMethod());
        }
        String address = null;
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            address = servlet.getRequest().getRemoteAddr();
            if (servlet.getRequest().getAttribute(RequestIdFilter.ATTRIBUTE) instanceof String id) {
                requestId = id;
            }
        }
        event.source(address, by == null ? null : by.deviceId()).request(requestId);
        return event.build();
    }

    /**
     * Records many events and returns once every one is recorded. They are handed to the trail from up
     * to {@value #IN_FLIGHT} virtual threads at a time, so that one group commit (PostgreSQL) or one
     * journal force (H2) covers many of them instead of one each; their order in the trail is not
     * theirs in the list. If any cannot be recorded, the first failure is thrown (after the others
     * finished), and the caller must fail its request.
     */
    void recordAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<Future<?>> pending = new ArrayList<>(events.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (AuditEvent event : events) {
                slots.acquireUninterruptibly();
                pending.add(threads.submit(() -> {
                    try {
                        trail.record(event);
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static final int IN_FLIGHT = 256;
}
