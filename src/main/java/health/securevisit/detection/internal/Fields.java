package health.securevisit.detection.internal;

import health.securevisit.audit.AuditEvent;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The fields a rule may name: those of an audit entry (identifiers and codes only) and two derived
 * from its time in the organisation's time zone ({@code hour} 0-23, {@code weekday} 1 = Monday).
 */
enum Fields {
    ACTION("action", (e, z) -> e.event().action()),
    OUTCOME("outcome", (e, z) -> e.event().outcome().name()),
    REASON("reason", (e, z) -> e.event().reason()),
    ACTOR_ID("actorId", (e, z) -> e.event().actorId()),
    ACTOR_ROLE("actorRole", (e, z) -> e.event().actorRole()),
    SESSION_REF("sessionRef", (e, z) -> e.event().sessionRef()),
    AUTH_METHOD("authMethod", (e, z) -> e.event().authMethod()),
    RESOURCE_TYPE("resourceType", (e, z) -> e.event().resourceType()),
    RESOURCE_ID("resourceId", (e, z) -> e.event().resourceId()),
    PATIENT_ID("patientId", (e, z) -> e.event().patientId()),
    VISIT_ID("visitId", (e, z) -> e.event().visitId()),
    PURPOSE("purpose", (e, z) -> e.event().purpose().name()),
    SOURCE_ADDRESS("sourceAddress", (e, z) -> e.event().sourceAddress()),
    DEVICE_ID("deviceId", (e, z) -> e.event().deviceId()),
    HOUR("hour", (e, z) -> Integer.toString(ZonedDateTime.ofInstant(e.time(), z).getHour())),
    WEEKDAY(
            "weekday",
            (e, z) -> Integer.toString(
                    ZonedDateTime.ofInstant(e.time(), z).getDayOfWeek().getValue()));

    final String yamlName;
    private final BiFunction<Entry, ZoneId, @Nullable String> read;

    Fields(String yamlName, BiFunction<Entry, ZoneId, @Nullable String> read) {
        this.yamlName = yamlName;
        this.read = read;
    }

    @Nullable
    String of(Entry entry, ZoneId zone) {
        return read.apply(entry, zone);
    }

    static @Nullable Fields named(String name) {
        for (Fields f : values()) {
            if (f.yamlName.equals(name)) {
                return f;
            }
        }
        return null;
    }

    static List<String> names() {
        return java.util.Arrays.stream(values()).map(f -> f.yamlName).toList();
    }

    /** An audit entry as the rules see it: its sequence number, its time and the event. */
    record Entry(long seq, java.time.Instant time, AuditEvent event) {}
}
