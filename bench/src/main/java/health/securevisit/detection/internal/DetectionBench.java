package health.securevisit.detection.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * Benchmark support (docs/benchmarks/detection.md): the live evaluator's engine with every shipped
 * rule, over in-memory facts, and a deterministic audit event mix. Used by
 * {@code audit.internal.DetectionFeedBench}; not part of {@code ./mvnw verify}.
 */
public final class DetectionBench {

    /** One engine with the shipped rules: evaluates entries in order and counts what fired per rule. */
    public static final class Evaluator {
        private final RuleEngine engine;
        private final Map<String, Long> fired = new TreeMap<>();
        private long evaluated;

        Evaluator(RuleEngine engine) {
            this.engine = engine;
        }

        /** Evaluates one entry (as the runner does); returns how many rules fired on it. */
        public int evaluate(long seq, Instant time, AuditEvent event) {
            evaluated++;
            var matches = engine.evaluate(new Fields.Entry(seq, time, event));
            for (RuleEngine.Match m : matches) {
                fired.merge(m.rule().id(), 1L, Long::sum);
            }
            return matches.size();
        }

        public long evaluated() {
            return evaluated;
        }

        public Map<String, Long> fired() {
            return fired;
        }

        public int rules() {
            return engine.rules().size();
        }
    }

    private DetectionBench() {}

    /** A fresh engine with every shipped rule (refused files fail the benchmark). */
    public static Evaluator evaluator() {
        RuleFiles.Loaded loaded = RuleFiles.parse(RuleFiles.shipped());
        if (!loaded.refused().isEmpty()) {
            throw new IllegalStateException("shipped rules refused: " + loaded.refused());
        }
        Facts facts = new Facts() {
            public boolean hasCareRelationship(String actorId, String patientId) {
                return Math.floorMod(actorId.hashCode() * 31 + patientId.hashCode(), 20) != 0; // 5% without
            }

            public boolean isWorkforceMember(String patientId) {
                return patientId.endsWith("-777");
            }

            public boolean outsideUsualHours(String actorId, Instant time) {
                return false; // the engine answers this itself from its hour profiles
            }
        };
        return new Evaluator(new RuleEngine(loaded.rules(), new RuleEngine.HourSettings(ZoneOffset.UTC, 50, 0.02, 7, 19), facts));
    }

    /**
     * Event {@code i} of a deterministic mix: mostly chart, patient and visit reads by 400 clinicians
     * over 50,000 patients (some denied), with MFA failures, lockouts, factor changes, break-glass,
     * recording downloads and first device uses sprinkled in.
     */
    public static AuditEvent event(long i) {
        int k = (int) (i % 1000);
        String actor = "user-" + (i % 400);
        String patient = "p-" + Math.floorMod(i * 7919, 50_000);
        String action;
        Outcome outcome = Outcome.SUCCESS;
        if (k < 4) {
            action = "auth.mfa.verify";
            outcome = Outcome.DENIED;
        } else if (k == 4) {
            action = "auth.lockout";
        } else if (k == 5) {
            action = "access.break-glass";
        } else if (k == 6) {
            action = "auth.mfa.enrol";
        } else if (k < 15) {
            action = "recording.download";
        } else if (k == 15) {
            action = "device.first-use";
        } else {
            action = switch (k % 3) {
                case 0 -> "chart.read";
                case 1 -> "patient.read";
                default -> "visit.read";
            };
            if (k % 50 == 0) {
                outcome = Outcome.DENIED;
            }
        }
        boolean auth = action.startsWith("auth.");
        return AuditEvent.builder(action, outcome, PurposeOfUse.TREATMENT)
                .reason(outcome == Outcome.DENIED ? "not-on-care-team" : null)
                .actor(actor, "CLINICIAN")
                .session("sref-" + (i % 2000), "webauthn")
                .resource(auth ? "account" : "patient", auth ? actor : patient)
                .patient(auth ? null : patient)
                .source("10.1." + (i % 200) + "." + (i % 250), "dev-" + (i % 3000))
                .request("req-" + i)
                .build();
    }
}
