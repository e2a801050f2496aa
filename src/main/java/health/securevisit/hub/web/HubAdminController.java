package health.securevisit.hub.web;

import health.securevisit.hub.internal.HubFailure;
import health.securevisit.hub.internal.HubRegistry;
import health.securevisit.hub.internal.NetworkMode;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hubs on the main listener: the security officer registers hubs (one-time enrolment code), lists
 * them with their network-compliance flags and revokes them; a hub enrols with its code and a CSR;
 * anyone may fetch the CA certificate and its CRL.
 */
@RestController
@RequestMapping(path = "/api/v1/hubs")
@Tag(name = "hubs", description = "Hospital-at-home hubs: registration, enrolment (CSR), CA, CRL, revocation")
class HubAdminController {

    static final String OFFICER = "hasRole('SECURITY_OFFICER')";

    record RegisterBody(
            @Nullable String patientId,
            @Nullable String networkMode,
            @Nullable String uplink) {}

    record EnrolBody(@Nullable String code, @Nullable String csr) {
        @Override
        public String toString() {
            return "EnrolBody[redacted]";
        }
    }

    record HubRow(
            String hubId,
            String patientId,
            String networkMode,
            String uplink,
            String status,
            boolean nonCompliant,
            @Nullable String nonCompliantReason,
            @Nullable Instant nonCompliantSince,
            @Nullable String lastUplink,
            @Nullable Instant lastSeenAt) {}

    record HubList(List<HubRow> hubs) {}

    private final HubRegistry registry;
    private final CurrentWorkforceUser users;

    HubAdminController(HubRegistry registry, CurrentWorkforceUser users) {
        this.registry = registry;
        this.users = users;
    }

    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(OFFICER)
    @Operation(summary = "Register a hub for a patient (SECURITY_OFFICER): a one-time enrolment code, shown once")
    ResponseEntity<HubRegistry.Registration> register(@RequestBody RegisterBody body) {
        UUID patient = uuid(body.patientId(), "patient-id-invalid");
        NetworkMode mode;
        try {
            mode = NetworkMode.valueOf(body.networkMode() == null ? "" : body.networkMode());
        } catch (IllegalArgumentException e) {
            throw HubFailure.invalid(
                    "network-mode-invalid", "The network mode is CELLULAR, DEDICATED_SEGMENT or SHARED_HOME.");
        }
        HubRegistry.Registration created =
                registry.register(officer(), patient, mode, body.uplink() == null ? "" : body.uplink());
        return ResponseEntity.created(URI.create("/api/v1/hubs/" + created.hubId()))
                .body(created);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(OFFICER)
    @Operation(summary = "Hubs with their status and network-compliance flags (SECURITY_OFFICER); no PHI")
    HubList list() {
        officer();
        return new HubList(registry.all().stream()
                .map(h -> new HubRow(
                        h.id().toString(),
                        h.patientId().toString(),
                        h.mode().name(),
                        h.uplink(),
                        h.status(),
                        h.nonCompliant(),
                        h.nonCompliantReason(),
                        h.nonCompliantSince(),
                        h.lastUplink(),
                        h.lastSeenAt()))
                .toList());
    }

    @PostMapping("/{id}/revocation")
    @PreAuthorize(OFFICER)
    @Operation(
            summary = "Revoke every certificate of a hub at once (SECURITY_OFFICER): CRL re-signed, listener reloaded")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        registry.revoke(officer(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/enrol", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary =
                    "Enrol a hub: its one-time code and a PKCS#10 CSR (PEM, ECDSA P-256, no SAN) give a client"
                            + " certificate for the hub listener; throttled per source address and per code (429 too-many-attempts)")
    ResponseEntity<HubRegistry.Issued> enrol(@RequestBody EnrolBody body, HttpServletRequest request) {
        if (body.code() == null || body.code().isBlank() || body.code().length() > 64) {
            throw HubFailure.invalid("enrolment-code-missing", "The enrolment code is required.");
        }
        if (body.csr() == null) {
            throw HubFailure.invalid("csr-invalid", "The certificate signing request is required.");
        }
        return ResponseEntity.status(201).body(registry.enrol(body.code(), body.csr(), request.getRemoteAddr()));
    }

    @GetMapping(path = "/ca.pem", produces = "application/x-pem-file")
    @Operation(summary = "The hub CA certificate (PEM)")
    String ca() {
        return registry.caPem();
    }

    @GetMapping(path = "/crl", produces = "application/pkix-crl")
    @Operation(summary = "The hub CA's current certificate revocation list (DER)")
    byte[] crl() {
        return registry.crl();
    }

    private WorkforcePrincipal officer() {
        return users.current().orElseThrow(() -> new AccessDeniedException("no MFA session"));
    }

    static UUID uuid(@Nullable String text, String code) {
        try {
            UUID id = UUID.fromString(text == null ? "" : text);
            if (id.toString().equals(text)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw HubFailure.invalid(code, "That is not an id.");
    }
}
