package health.securevisit.patient.web;

import health.securevisit.access.AccessDecision;
import health.securevisit.access.AccessPolicy;
import health.securevisit.access.AccessRequest;
import health.securevisit.access.BreakGlass;
import health.securevisit.access.BreakGlassGrant;
import health.securevisit.access.DataClass;
import health.securevisit.access.Intent;
import health.securevisit.access.PatientId;
import health.securevisit.keys.CiphertextIntegrityException;
import health.securevisit.patient.PatientNotFoundException;
import health.securevisit.patient.PatientRecord;
import health.securevisit.patient.Patients;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Patients over HTTP. Every endpoint asks the access decision point before it reads, reveals or
 * changes anything (the decision is audited there); a search is decided as a whole, then each
 * patient found is decided on its own and only allowed ones are returned. What the decision allows
 * is answered as it says: masked, the identity data points are left out (decide, then mask).
 */
@RestController
@RequestMapping(path = "/api/v1/patients", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "patients", description = "Patient demographics (encrypted at rest), find by MRN, search, break-glass")
class PatientApiController {

    static final int SEARCH_LIMIT = 50;

    /** The patient as sent: exactly these fields (others are refused with 400 {@code unknown-field}). */
    record PatientBody(
            @Nullable String mrn,
            @Nullable String fullName,
            @Nullable String dateOfBirth,
            @Nullable String address,
            @Nullable String phone,
            @Nullable String email,
            @Nullable String insuranceId) {
        @Override
        public String toString() {
            return "PatientBody[redacted]";
        }
    }

    /**
     * A patient as answered. With {@code identityDataMasked} (a clinician before the identity step of
     * the visit) the identity data points are null and only the id, the name and the times are shown.
     */
    record PatientView(
            String id,
            @Nullable String mrn,
            String fullName,
            @Nullable String dateOfBirth,
            @Nullable String address,
            @Nullable String phone,
            @Nullable String email,
            @Nullable String insuranceId,
            Instant createdAt,
            Instant updatedAt,
            boolean identityDataMasked) {
        static PatientView of(PatientRecord p) {
            return new PatientView(
                    p.id().toString(),
                    p.mrn(),
                    p.fullName(),
                    p.dateOfBirth().toString(),
                    p.address(),
                    p.phone(),
                    p.email(),
                    p.insuranceId(),
                    p.createdAt(),
                    p.updatedAt(),
                    false);
        }

        /** The view the decision allows: masked when it says so (decide, then mask). */
        static PatientView of(PatientRecord p, AccessDecision decision) {
            if (!decision.identityDataMasked()) {
                return of(p);
            }
            return new PatientView(
                    p.id().toString(),
                    null,
                    p.fullName(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    p.createdAt(),
                    p.updatedAt(),
                    true);
        }

        @Override
        public String toString() {
            return "PatientView[id=" + id + "]";
        }
    }

    record PatientList(List<PatientView> patients) {}

    /** A search: {@code mrn} alone, or {@code name} and/or {@code dateOfBirth}. */
    record SearchBody(
            @Nullable String mrn,
            @Nullable String name,
            @Nullable String dateOfBirth) {}

    record BreakGlassBody(@Nullable String reason) {
        @Override
        public String toString() {
            return "BreakGlassBody[redacted]";
        }
    }

    record BreakGlassView(String grantId, Instant expiresAt) {}

    private final Patients patients;
    private final AccessPolicy policy;
    private final BreakGlass breakGlass;

    PatientApiController(Patients patients, AccessPolicy policy, BreakGlass breakGlass) {
        this.patients = patients;
        this.policy = policy;
        this.breakGlass = breakGlass;
    }

    @PostMapping
    @Operation(summary = "Create a patient (STAFF, CLINICIAN); 409 mrn-taken if the MRN is in use")
    ResponseEntity<PatientView> create(@RequestBody PatientBody body) {
        // The decision (and its audit record) names the id the new patient gets.
        UUID id = UUID.randomUUID();
        policy.authorize(AccessRequest.collection("patient.create", DataClass.DEMOGRAPHICS, "patient", id.toString()));
        PatientRecord created = patients.create(id, PatientRequests.details(body));
        return ResponseEntity.created(URI.create("/api/v1/patients/" + created.id()))
                .body(PatientView.of(created));
    }

    @GetMapping
    @Operation(
            summary = "The most recently registered patients (at most 50, newest first) that the caller may see;"
                    + " patient data never goes in a URL: search with POST /api/v1/patients/search")
    PatientList list() {
        policy.authorize(AccessRequest.collection("patient.list", DataClass.DEMOGRAPHICS, "patient", null));
        return visible(patients.recent(SEARCH_LIMIT), false);
    }

    @PostMapping("/search")
    @Operation(
            summary = "Find by MRN ({\"mrn\"}) or search by all words of the name and/or the date of birth"
                    + " ({\"name\",\"dateOfBirth\"}); only patients the caller may see are returned")
    PatientList search(@RequestBody SearchBody body) {
        policy.authorize(AccessRequest.collection("patient.search", DataClass.DEMOGRAPHICS, "patient", null));
        String mrn = body.mrn();
        List<UUID> found;
        // A search by MRN or date of birth tells whether those data points match: a masked patient (a
        // clinician before the identity step) is left out of such answers.
        boolean byIdentityData = mrn != null || PatientRequests.blankToNull(body.dateOfBirth()) != null;
        if (mrn != null) {
            found = PatientRequests.mrnOnly(mrn, body.name(), body.dateOfBirth())
                    .flatMap(patients::findIdByMrn)
                    .map(List::of)
                    .orElse(List.of());
        } else {
            found = patients.search(
                    PatientRequests.blankToNull(body.name()),
                    PatientRequests.searchDate(body.dateOfBirth()),
                    SEARCH_LIMIT);
        }
        return visible(found, byIdentityData);
    }

    /**
     * The patients of {@code found} that the caller may see, each decided (and audited) on its own and
     * masked as decided; masked ones are left out when {@code unmaskedOnly}.
     */
    private PatientList visible(List<UUID> found, boolean unmaskedOnly) {
        List<PatientView> visible = new ArrayList<>();
        for (UUID id : found) {
            AccessDecision decision = policy.decide(read(id, Intent.READ));
            if (decision.allowed() && !(unmaskedOnly && decision.identityDataMasked())) {
                readable(id).ifPresent(p -> visible.add(PatientView.of(p, decision)));
            }
        }
        return new PatientList(visible);
    }

    /**
     * A patient of a result list, or none if its record cannot be read (crypto-shredded, or failing its
     * integrity check, which the keys module has logged and raised as a security event): one unreadable
     * record does not break every search that finds it. A direct read still answers the error.
     */
    private Optional<PatientRecord> readable(UUID id) {
        try {
            return patients.find(id);
        } catch (CiphertextIntegrityException unreadable) {
            return Optional.empty();
        }
    }

    @GetMapping("/{id}")
    @Operation(summary = "One patient's demographics; 404 patient-not-found")
    PatientView read(@PathVariable UUID id) {
        AccessDecision decision = policy.authorize(read(id, Intent.READ));
        return patients.find(id).map(p -> PatientView.of(p, decision)).orElseThrow(PatientNotFoundException::new);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a patient's demographics (all fields, as on create)")
    PatientView update(@PathVariable UUID id, @RequestBody PatientBody body) {
        policy.authorize(
                AccessRequest.patient("patient.update", DataClass.DEMOGRAPHICS, Intent.CHANGE, PatientId.of(id)));
        return PatientView.of(patients.update(id, PatientRequests.details(body)));
    }

    @PostMapping("/{id}/break-glass")
    @Operation(
            summary = "Emergency access to a patient (CLINICIAN with a fresh MFA step-up, reason of at least"
                    + " 20 characters); the grant expires and raises a security alert")
    ResponseEntity<BreakGlassView> breakGlass(@PathVariable UUID id, @RequestBody BreakGlassBody body) {
        // Role-level gate before existence is revealed: the patient id is the resource, not the subject,
        // so the policy answers for the caller's role (clinician or staff) and refuses non-PHI roles.
        policy.authorize(
                AccessRequest.collection("patient.break-glass", DataClass.DEMOGRAPHICS, "patient", id.toString()));
        if (!patients.exists(id)) {
            throw new PatientNotFoundException();
        }
        BreakGlassGrant grant = breakGlass.open(PatientId.of(id), PatientRequests.reason(body.reason()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new BreakGlassView(grant.id().toString(), grant.expiresAt()));
    }

    private static AccessRequest read(UUID id, Intent intent) {
        return AccessRequest.patient("patient.read", DataClass.DEMOGRAPHICS, intent, PatientId.of(id));
    }
}
