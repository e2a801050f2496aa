package health.securevisit.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test only, and only in servers started with {@code securevisit.test.access-probe=true}: endpoints
 * that drive the real {@link AccessPolicy} and {@link BreakGlass} in a real signed-in session, a
 * care-relationship source the test fills (primary over any other), and a server clock it can move.
 * The patient and visit endpoints of later modules call the same beans.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "securevisit.test.access-probe", havingValue = "true")
public class AccessProbe {

    /** The server's clock (primary over the platform's), offset by what the test sets. */
    public static final class ProbeClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public Instant instant() {
            return Clock.systemUTC().instant().plus(offset);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return Clock.offset(Clock.system(zone), offset);
        }
    }

    /** Visits the test registers. */
    public static final class ProbeVisits implements CareRelationships {
        final Map<UUID, VisitFacts> visits = new ConcurrentHashMap<>();

        public ProbeVisits add(VisitFacts visit) {
            visits.put(visit.visitId(), visit);
            return this;
        }

        @Override
        public Optional<VisitFacts> visit(VisitId visitId) {
            return Optional.ofNullable(visits.get(visitId.value()));
        }

        @Override
        public List<VisitFacts> visitsWith(UUID clinicianId, PatientId patientId) {
            return visits.values().stream()
                    .filter(v -> v.patientId().equals(patientId.value())
                            && v.clinicianIds().contains(clinicianId))
                    .toList();
        }
    }

    @Bean
    @Primary
    ProbeClock probeClock() {
        return new ProbeClock();
    }

    @Bean
    @Primary
    ProbeVisits probeVisits() {
        return new ProbeVisits();
    }

    /** The probe's HTTP endpoints (under /api/v1/test-access, so authenticated and CSRF-protected). */
    @RestController
    @ConditionalOnProperty(name = "securevisit.test.access-probe", havingValue = "true")
    public static class Endpoints {
        private final AccessPolicy policy;
        private final BreakGlass breakGlass;
        private final ProbeClock clock;
        private final ProbeVisits visits;

        Endpoints(AccessPolicy policy, BreakGlass breakGlass, ProbeClock clock, ProbeVisits visits) {
            this.policy = policy;
            this.breakGlass = breakGlass;
            this.clock = clock;
            this.visits = visits;
        }

        record Ask(
                String action,
                DataClass dataClass,
                @Nullable UUID patientId,
                @Nullable UUID visitId) {}

        record Open(UUID patientId, String reason) {}

        record Granted(UUID grantId, Instant expiresAt) {}

        record Offset(long seconds) {}

        @PostMapping("/api/v1/test-access/authorize")
        AccessDecision authorize(@RequestBody Ask ask) {
            String id = ask.visitId() != null
                    ? ask.visitId().toString()
                    : ask.patientId() != null ? ask.patientId().toString() : null;
            return policy.authorize(new AccessRequest(
                    ask.action(),
                    ask.dataClass(),
                    Intent.READ,
                    "probe",
                    id,
                    ask.patientId() == null ? null : PatientId.of(ask.patientId()),
                    ask.visitId() == null ? null : VisitId.of(ask.visitId()),
                    null));
        }

        @PostMapping("/api/v1/test-access/visits")
        @ResponseStatus(HttpStatus.NO_CONTENT)
        void visit(@RequestBody VisitFacts visit) {
            visits.add(visit);
        }

        @PostMapping("/api/v1/test-access/break-glass")
        @ResponseStatus(HttpStatus.CREATED)
        Granted open(@RequestBody Open open) {
            BreakGlassGrant grant = breakGlass.open(PatientId.of(open.patientId()), open.reason());
            return new Granted(grant.id(), grant.expiresAt());
        }

        @PostMapping("/api/v1/test-access/clock")
        @ResponseStatus(HttpStatus.NO_CONTENT)
        void clock(@RequestBody Offset offset) {
            clock.offset = Duration.ofSeconds(offset.seconds());
        }
    }
}
