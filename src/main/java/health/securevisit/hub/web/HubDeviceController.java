package health.securevisit.hub.web;

import health.securevisit.hub.internal.HubFailure;
import health.securevisit.hub.internal.HubPrincipal;
import health.securevisit.hub.internal.HubRegistry;
import health.securevisit.hub.internal.VitalsIngest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What hubs call, on the hub listener only (mutual TLS; the hub and its patient come from the
 * verified client certificate): readings in batches, and certificate renewal.
 */
@RestController
@RequestMapping(path = "/api/v1/hub", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "hub listener", description = "Hub endpoints on SECUREVISIT_HUB_PORT (mutual TLS only)")
class HubDeviceController {

    record RenewBody(@Nullable String csr) {}

    private final VitalsIngest ingest;
    private final HubRegistry registry;

    HubDeviceController(VitalsIngest ingest, HubRegistry registry) {
        this.ingest = ingest;
        this.registry = registry;
    }

    @PostMapping(path = "/observations", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "A batch of readings (hub listener, mutual TLS): stored as FHIR R4 vital-signs Observations"
                    + " for the patient of the hub's certificate; idempotent by reading id")
    VitalsIngest.Receipt observations(@RequestBody byte[] body, HttpServletRequest request) {
        return ingest.ingest(hub(request), body);
    }

    @PostMapping(path = "/certificate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Renew the hub's certificate before it expires (hub listener, mutual TLS): a new CSR")
    ResponseEntity<HubRegistry.Issued> renew(@RequestBody RenewBody body, HttpServletRequest request) {
        if (body.csr() == null) {
            throw HubFailure.invalid("csr-invalid", "The certificate signing request is required.");
        }
        return ResponseEntity.status(201).body(registry.renew(hub(request), body.csr()));
    }

    private static HubPrincipal hub(HttpServletRequest request) {
        if (request.getAttribute(HubPrincipal.ATTRIBUTE) instanceof HubPrincipal hub) {
            return hub;
        }
        throw HubFailure.forbidden("hub-certificate-required", "Only hubs call this, on the hub listener.");
    }
}
