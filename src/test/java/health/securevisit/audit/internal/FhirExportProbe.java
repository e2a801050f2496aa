package health.securevisit.audit.internal;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.Outcome;
import health.securevisit.audit.PurposeOfUse;
import java.time.Instant;

/**
 * Prints one FHIR AuditEvent export. {@code PackagedJarIT} runs it in a child JVM on the packaged
 * jar's own classpath, to show the export needs none of the libraries left out of that jar. Uses
 * nothing but the application's classes.
 */
final class FhirExportProbe {

    private FhirExportProbe() {}

    public static void main(String[] args) {
        AuditEvent event = AuditEvent.builder("chart.read", Outcome.SUCCESS, PurposeOfUse.TREATMENT)
                .actor("u-1", "CLINICIAN")
                .session("sess-ref-1", "totp")
                .resource("chart", "c-9")
                .patient("p-7")
                .visit("v-3")
                .source("203.0.113.9", "dev-42")
                .request("req-abcdef12")
                .build();
        StoredEntry entry = new StoredEntry(42, Instant.parse("2026-11-28T12:00:00Z"), event, new byte[32]);
        System.out.println(FhirAuditEvents.json(entry));
    }
}
