package health.securevisit.device.web;

import health.securevisit.device.internal.PostureIngest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Posture evidence: MDM webhooks and osquery/Fleet policy results (machines, authenticated by the
 * integration's HMAC signature, no session) and compliance CSV uploads (SECURITY_OFFICER).
 */
@RestController
@RequestMapping(path = "/api/v1/device-posture", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "device", description = "Device inventory, binding, posture and lost-device response")
class PostureApiController {

    static final String TIMESTAMP = "X-SecureVisit-Timestamp";
    static final String SIGNATURE = "X-SecureVisit-Signature";

    private final PostureIngest ingest;

    PostureApiController(PostureIngest ingest) {
        this.ingest = ingest;
    }

    @PostMapping(path = "/webhook/{integration}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "An MDM posture report, HMAC-SHA256 signed by its integration (no session)")
    ResponseEntity<Map<String, UUID>> webhook(
            @PathVariable String integration,
            @RequestHeader(name = TIMESTAMP, required = false) @Nullable String timestamp,
            @RequestHeader(name = SIGNATURE, required = false) @Nullable String signature,
            @RequestBody byte[] body) {
        return ResponseEntity.accepted()
                .body(Map.of("deviceId", ingest.webhook(integration, timestamp, signature, body)));
    }

    @PostMapping(path = "/osquery/{integration}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "osquery/Fleet policy results for one host, HMAC-SHA256 signed by its integration")
    ResponseEntity<Map<String, UUID>> osquery(
            @PathVariable String integration,
            @RequestHeader(name = TIMESTAMP, required = false) @Nullable String timestamp,
            @RequestHeader(name = SIGNATURE, required = false) @Nullable String signature,
            @RequestBody byte[] body) {
        return ResponseEntity.accepted()
                .body(Map.of("deviceId", ingest.osquery(integration, timestamp, signature, body)));
    }

    /**
     * The export is parsed as it arrives (UTF-8), under its own body limit
     * ({@code SECUREVISIT_DEVICE_CSV_MAX_SIZE}) instead of the global one.
     */
    @PostMapping(path = "/csv", consumes = "text/csv")
    @PreAuthorize("hasRole('SECURITY_OFFICER')")
    @Operation(
            summary = "Upload an MDM compliance export (CSV, UTF-8, at most SECUREVISIT_DEVICE_CSV_MAX_SIZE); good rows"
                    + " taken, bad rows listed with their line; every row audited",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
    PostureIngest.CsvResult csv(HttpServletRequest request) throws IOException {
        return ingest.csv(new BufferedReader(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8)));
    }
}
