package health.securevisit.device.web;

import health.securevisit.access.DeviceStanding;
import health.securevisit.device.internal.Device;
import health.securevisit.device.internal.DeviceBinding;
import health.securevisit.device.internal.DeviceSettings;
import health.securevisit.device.internal.Inventory;
import health.securevisit.device.internal.LostDevices;
import health.securevisit.device.internal.SessionDevices;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The device inventory (security officers), a member's own devices, browser binding and proofs, and
 * lost-device reports. No PHI: devices belong to workforce members. Every call is audited.
 */
@RestController
@RequestMapping(path = "/api/v1/devices", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "device", description = "Device inventory, binding, posture and lost-device response")
class DeviceApiController {

    static final String ANY_ROLE = "hasAnyRole('CLINICIAN','STAFF','SECURITY_OFFICER','ADMIN','AUDITOR')";

    private final Inventory inventory;
    private final DeviceBinding binding;
    private final SessionDevices sessions;
    private final LostDevices lost;
    private final DeviceSettings settings;

    DeviceApiController(
            Inventory inventory,
            DeviceBinding binding,
            SessionDevices sessions,
            LostDevices lost,
            DeviceSettings settings) {
        this.inventory = inventory;
        this.binding = binding;
        this.sessions = sessions;
        this.lost = lost;
        this.settings = settings;
    }

    /** A new inventory entry. */
    record NewDevice(
            @NotNull UUID ownerId,
            @NotBlank @Size(max = 120) String name,
            @NotNull Device.Kind kind,
            @NotNull Device.Ownership ownership,
            @NotBlank @Size(max = 32) String osName,
            @NotBlank @Size(max = 32) String osVersion,
            @NotBlank @Size(max = 64) String serialNumber,
            @Nullable @Size(max = 64) String mdmId) {}

    /** An inventory entry as shown. */
    record DeviceView(
            UUID id,
            UUID ownerId,
            String name,
            Device.Kind kind,
            Device.Ownership ownership,
            String osName,
            String osVersion,
            String serialNumber,
            @Nullable String mdmId,
            Instant firstSeen,
            Instant lastSeen,
            Device.Binding bindingState,
            @Nullable String thumbprint,
            @Nullable Instant lostAt) {
        static DeviceView of(Device d) {
            return new DeviceView(
                    d.id(),
                    d.ownerId(),
                    d.name(),
                    d.kind(),
                    d.ownership(),
                    d.osName(),
                    d.osVersion(),
                    d.serialNumber(),
                    d.mdmId(),
                    d.firstSeen(),
                    d.lastSeen(),
                    d.binding(),
                    d.thumbprint(),
                    d.lostAt());
        }
    }

    record DeviceList(List<DeviceView> devices, int page, int size) {}

    record MyDevice(DeviceView device, String posture, List<String> failingChecks, boolean thisBrowser) {}

    record BindRequest(@NotNull Map<String, Object> publicJwk) {}

    record ProofRequest(@NotBlank @Size(max = 4096) String proof) {}

    record ProofAnswer(UUID deviceId, Instant validUntil, long refreshAfterSeconds) {}

    record SessionDevice(
            @Nullable UUID deviceId, String posture, List<String> failingChecks, long refreshAfterSeconds) {}

    record CommandView(
            UUID id,
            String action,
            String status,
            int attempts,
            Instant nextAttemptAt,
            @Nullable String lastError,
            Instant createdAt,
            @Nullable Instant completedAt) {}

    @GetMapping
    @PreAuthorize("hasRole('SECURITY_OFFICER')")
    @Operation(summary = "Search the device inventory (SECURITY_OFFICER; audited as device.list)")
    DeviceList list(
            @RequestParam(required = false) @Nullable @Size(max = 64) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return new DeviceList(
                inventory.search(q, page, size).stream().map(DeviceView::of).toList(), page, size);
    }

    @PostMapping
    @PreAuthorize("hasRole('SECURITY_OFFICER')")
    @Operation(summary = "Register a device in the inventory (SECURITY_OFFICER; audited as device.register)")
    ResponseEntity<DeviceView> register(@Valid @RequestBody NewDevice request) {
        Device device = inventory.register(new Inventory.NewDevice(
                request.ownerId(),
                request.name(),
                request.kind(),
                request.ownership(),
                request.osName(),
                request.osVersion(),
                request.serialNumber(),
                request.mdmId()));
        return ResponseEntity.created(URI.create("/api/v1/devices/" + device.id()))
                .body(DeviceView.of(device));
    }

    @GetMapping(path = "/export", produces = "text/csv")
    @PreAuthorize("hasRole('SECURITY_OFFICER')")
    @Operation(summary = "The whole inventory as CSV for the yearly asset review (audited as device.export)")
    void export(HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"device-inventory.csv\"");
        response.setHeader("Cache-Control", "no-store");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        inventory.export(out);
        out.flush();
    }

    @GetMapping("/mine")
    @PreAuthorize(ANY_ROLE)
    @Operation(summary = "The caller's own devices with their posture and failing checks")
    List<MyDevice> mine() {
        return inventory.mine().stream()
                .map(m -> new MyDevice(
                        DeviceView.of(m.device()),
                        m.standing().posture().name(),
                        m.standing().failingChecks(),
                        m.thisBrowser()))
                .toList();
    }

    @PostMapping("/{id}/binding")
    @PreAuthorize(ANY_ROLE)
    @Operation(summary = "Bind this browser's public P-256 JWK to one of the caller's unbound devices")
    DeviceBinding.Bound bind(@PathVariable UUID id, @Valid @RequestBody BindRequest request) {
        return binding.bind(id, request.publicJwk());
    }

    @PostMapping("/challenge")
    @PreAuthorize(ANY_ROLE)
    @Operation(summary = "A fresh single-use challenge for a device proof")
    DeviceBinding.Challenge challenge() {
        return binding.challenge();
    }

    @PostMapping("/proof")
    @PreAuthorize(ANY_ROLE)
    @Operation(summary = "Prove the session's device: an ES256 compact JWS (kid = key thumbprint) over a challenge")
    ProofAnswer prove(@Valid @RequestBody ProofRequest request, HttpServletRequest http, HttpServletResponse response) {
        DeviceBinding.Proved proved = binding.prove(request.proof());
        sessions.remember(proved, http, response);
        return new ProofAnswer(proved.deviceId(), proved.validUntil(), refreshAfter());
    }

    @GetMapping("/session")
    @PreAuthorize(ANY_ROLE)
    @Operation(summary = "The device this request proved, its posture and failing checks")
    SessionDevice session() {
        SessionDevices.Current now = sessions.current();
        DeviceStanding standing = now.standing();
        return new SessionDevice(now.deviceId(), standing.posture().name(), standing.failingChecks(), refreshAfter());
    }

    @PostMapping("/{id}/lost")
    @PreAuthorize(ANY_ROLE)
    @Operation(summary = "Report a device lost or stolen (its owner or a SECURITY_OFFICER): revoke, end sessions, wipe")
    CommandView reportLost(@PathVariable UUID id) {
        return view(lost.report(id));
    }

    @GetMapping("/{id}/wipe-requests")
    @PreAuthorize(ANY_ROLE)
    @Operation(summary = "The wipe/lock requests of a device and their delivery status (owner or SECURITY_OFFICER)")
    List<CommandView> wipeRequests(@PathVariable UUID id) {
        return lost.commands(id).stream().map(DeviceApiController::view).toList();
    }

    private long refreshAfter() {
        return settings.proofMaxAge().toSeconds() / 2;
    }

    private static CommandView view(health.securevisit.device.internal.MdmCommands.Command c) {
        return new CommandView(
                c.id(),
                c.action(),
                c.status(),
                c.attempts(),
                c.nextAttemptAt(),
                c.lastError(),
                c.createdAt(),
                c.completedAt());
    }
}
