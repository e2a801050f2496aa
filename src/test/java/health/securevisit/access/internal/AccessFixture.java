package health.securevisit.access.internal;

import health.securevisit.access.CareRelationships;
import health.securevisit.access.Investigations;
import health.securevisit.access.PostureSources.DevicePostures;
import health.securevisit.access.PostureSources.TrainingStatuses;
import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditRecord;
import health.securevisit.audit.AuditTrail;
import health.securevisit.audit.AuditUnavailableException;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.StepUpRequiredException;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.keys.CiphertextIntegrityException;
import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.FieldEncryption;
import health.securevisit.support.InMemoryH2;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The access module assembled by hand on a fresh in-memory H2 database migrated by the real Flyway
 * migrations, with a settable clock and principal, a capturing (or failing) audit trail, a
 * binding-checking stand-in for field encryption, and optional SPI beans.
 */
final class AccessFixture {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return Clock.fixed(now, zone);
        }
    }

    /** The signed-in principal of the test (null: nobody). */
    static final class Principal implements CurrentWorkforceUser {
        @Nullable
        WorkforcePrincipal current;

        final TestClock clock;

        Principal(TestClock clock) {
            this.clock = clock;
        }

        @Override
        public Optional<WorkforcePrincipal> current() {
            return Optional.ofNullable(current).filter(WorkforcePrincipal::mfaSatisfied);
        }

        @Override
        public WorkforcePrincipal requireMfaWithin(Duration maxAge) {
            WorkforcePrincipal p = current().orElseThrow(StepUpRequiredException::new);
            if (p.mfaAt() == null || p.mfaAt().isBefore(clock.instant().minus(maxAge))) {
                throw new StepUpRequiredException();
            }
            return p;
        }

        @Override
        public void actFromDevice(@Nullable String deviceId) {
            if (current != null) {
                current = current.withDevice(deviceId);
            }
        }

        @Override
        public void endSession(String reason) {
            current = null;
        }
    }

    /** Keeps the events it records; fails every call while {@link #failing}. */
    static final class Trail implements AuditTrail {
        final List<AuditEvent> events = new CopyOnWriteArrayList<>();
        boolean failing;

        @Override
        public AuditRecord record(AuditEvent event) {
            if (failing) {
                throw new AuditUnavailableException(new IllegalStateException("trail down (test)"));
            }
            events.add(event);
            return new AuditRecord(1000 + events.size(), Instant.now());
        }

        AuditEvent last() {
            return events.getLast();
        }
    }

    /** Not encryption: marks the plaintext with its binding and refuses any other binding. */
    static final class BoundFields implements FieldEncryption {
        @Override
        public byte[] encrypt(FieldBinding binding, byte[] plaintext) {
            byte[] head = (binding + "|").getBytes(StandardCharsets.UTF_8);
            byte[] out = Arrays.copyOf(head, head.length + plaintext.length);
            for (int i = 0; i < plaintext.length; i++) {
                out[head.length + i] = (byte) (plaintext[i] ^ 0x5a);
            }
            return out;
        }

        @Override
        public byte[] decrypt(FieldBinding binding, byte[] ciphertext) {
            byte[] head = (binding + "|").getBytes(StandardCharsets.UTF_8);
            if (ciphertext.length < head.length || !Arrays.equals(head, Arrays.copyOf(ciphertext, head.length))) {
                throw new CiphertextIntegrityException(binding.table(), new IllegalStateException("bound elsewhere"));
            }
            byte[] out = Arrays.copyOfRange(ciphertext, head.length, ciphertext.length);
            for (int i = 0; i < out.length; i++) {
                out[i] ^= 0x5a;
            }
            return out;
        }
    }

    final TestClock clock;
    final Principal principal;
    final Trail trail = new Trail();
    final JdbcClient jdbc;
    final BoundFields fields = new BoundFields();
    final BreakGlassGrants grants;
    final SecurityAlerts alerts;
    final AccessAudit audit;
    final List<Object> published = new ArrayList<>();
    final Map<String, Object> beans = new HashMap<>();
    AccessSettings settings = Situations.settings("ALLOW", "ALLOW");

    AccessFixture(Instant now) {
        this.clock = new TestClock(now);
        this.principal = new Principal(clock);
        this.jdbc = JdbcClient.create(InMemoryH2.migrated("access"));
        this.grants = new BreakGlassGrants(jdbc, fields);
        this.alerts = new SecurityAlerts(jdbc);
        this.audit = new AccessAudit(trail);
    }

    AccessFixture with(String name, Object bean) {
        beans.put(name, bean);
        return this;
    }

    private <T> ObjectProvider<T> provider(Class<T> type) {
        return new StaticListableBeanFactory(beans).getBeanProvider(type);
    }

    PolicyDecisionPoint policy() {
        return new PolicyDecisionPoint(
                principal,
                settings,
                clock,
                audit,
                grants,
                provider(DevicePostures.class),
                provider(TrainingStatuses.class),
                provider(CareRelationships.class),
                provider(DeviceTiers.class),
                provider(Investigations.class));
    }

    BreakGlassService breakGlass() {
        return new BreakGlassService(principal, settings, clock, audit, grants, alerts, published::add);
    }

    long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
