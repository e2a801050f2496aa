package health.securevisit.detection.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import health.securevisit.access.CareRelationships;
import health.securevisit.access.PatientId;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Facts from the live modules: care relationships from the visit module (cached for a minute, at most
 * 100,000 pairs) and the workforce-patient register (held in memory, reloaded when it changes).
 */
@Component
class LiveFacts implements Facts {

    private final CareRelationships care;
    private final JdbcClient jdbc;
    private final Cache<String, Boolean> relationships = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();
    private volatile Set<String> workforcePatients;

    LiveFacts(CareRelationships care, JdbcClient jdbc) {
        this.care = care;
        this.jdbc = jdbc;
        this.workforcePatients = load();
    }

    @Override
    public boolean hasCareRelationship(String actorId, String patientId) {
        UUID actor = AlertStore.uuid(actorId);
        UUID patient = AlertStore.uuid(patientId);
        if (actor == null || patient == null) {
            return false;
        }
        return relationships.get(
                actorId + "/" + patientId,
                k -> !care.visitsWith(actor, PatientId.of(patient)).isEmpty());
    }

    @Override
    public boolean isWorkforceMember(String patientId) {
        return workforcePatients.contains(patientId);
    }

    @Override
    public boolean outsideUsualHours(String actorId, Instant time) {
        return false; // answered by the engine from the hour profiles it learns
    }

    void reload() {
        workforcePatients = load();
    }

    private Set<String> load() {
        return Set.copyOf(jdbc.sql("SELECT DISTINCT patient_id FROM detection_workforce_patient")
                .query((rs, n) -> rs.getObject(1, UUID.class).toString())
                .list());
    }
}
