package health.securevisit.device.web;

import health.securevisit.device.internal.Device;
import health.securevisit.device.internal.PostureException;
import health.securevisit.device.internal.PostureExceptionRegister;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
 * Posture exceptions: a security officer records that one device, or a group of devices, may fail one
 * posture check until an expiry, with a reason; lists and revokes them. Everything is checked and
 * audited by {@link PostureExceptionRegister} (other roles get 403 {@code security-officer-only}, audited).
 */
@RestController
@RequestMapping(path = "/api/v1/device-posture/exceptions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "device", description = "Device inventory, binding, posture and lost-device response")
class PostureExceptionController {

    private final PostureExceptionRegister register;
    private final Clock clock;

    PostureExceptionController(PostureExceptionRegister register, Clock clock) {
        this.register = register;
        this.clock = clock;
    }

    /** A group of devices: every device with all the given attributes (at least one). */
    record DeviceGroup(
            Device.@Nullable Kind kind,
            Device.@Nullable Ownership ownership,
            @Nullable String osName) {}

    /** A new exception: {@code deviceId} or {@code group}, the check, a reason and an expiry. */
    record NewException(
            @Nullable UUID deviceId,
            @Nullable DeviceGroup group,
            @Nullable String check,
            @Nullable String reason,
            @Nullable Instant expiresAt) {}

    /** An exception as shown; {@code state} is ACTIVE, EXPIRED or REVOKED now. */
    record ExceptionView(
            UUID id,
            @Nullable UUID deviceId,
            @Nullable DeviceGroup group,
            String check,
            String reason,
            UUID grantedBy,
            Instant grantedAt,
            Instant expiresAt,
            @Nullable Instant revokedAt,
            @Nullable UUID revokedBy,
            String state) {}

    record ExceptionList(List<ExceptionView> exceptions, int page, int size) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(DeviceApiController.ANY_ROLE)
    @Operation(
            summary = "Record a posture exception for a device or a group (SECURITY_OFFICER; audited as"
                    + " device.exception.grant)")
    ResponseEntity<ExceptionView> grant(@RequestBody NewException request) {
        DeviceGroup group = request.group();
        PostureException granted = register.grant(new PostureExceptionRegister.Grant(
                new PostureExceptionRegister.Scope(
                        request.deviceId(),
                        group == null ? null : group.kind(),
                        group == null ? null : group.ownership(),
                        group == null ? null : group.osName()),
                request.check(),
                request.reason(),
                request.expiresAt()));
        return ResponseEntity.created(URI.create("/api/v1/device-posture/exceptions/" + granted.id()))
                .body(view(granted));
    }

    @GetMapping
    @PreAuthorize(DeviceApiController.ANY_ROLE)
    @Operation(summary = "Posture exceptions, newest first (SECURITY_OFFICER; audited as device.exception.list)")
    ExceptionList list(
            @RequestParam(defaultValue = "false") boolean active,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return new ExceptionList(
                register.list(active, page, size).stream().map(this::view).toList(), page, size);
    }

    @PostMapping("/{id}/revoke")
    @PreAuthorize(DeviceApiController.ANY_ROLE)
    @Operation(summary = "Revoke a posture exception at once (SECURITY_OFFICER; audited as device.exception.revoke)")
    ExceptionView revoke(@PathVariable UUID id) {
        return view(register.revoke(id));
    }

    private ExceptionView view(PostureException e) {
        Instant now = clock.instant();
        String state = e.revokedAt() != null ? "REVOKED" : e.activeAt(now) ? "ACTIVE" : "EXPIRED";
        DeviceGroup group =
                e.deviceId() != null ? null : new DeviceGroup(e.groupKind(), e.groupOwnership(), e.groupOsName());
        return new ExceptionView(
                e.id(),
                e.deviceId(),
                group,
                e.check(),
                e.reason(),
                e.grantedBy(),
                e.grantedAt(),
                e.expiresAt(),
                e.revokedAt(),
                e.revokedBy(),
                state);
    }
}
