package health.securevisit.device.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.FreeText;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recording, listing and revoking posture exceptions: the only way the posture rules become weaker than
 * the seed for a device or a group of devices.
 *
 * <p>Guarantees: only a security officer grants, lists or revokes, and never for a device of their
 * own; an exception names one exceptable check ({@link PostureRules#EXCEPTABLE}), either one inventory
 * device or a group (kind, ownership and/or OS name), a reason of 10 to 300 visible characters, and an
 * expiry in the future no further than {@code SECUREVISIT_DEVICE_EXCEPTIONS_MAX_DURATION} (default 30
 * days, at most 90). Anything else is refused before anything is stored. Every grant, refusal, listing
 * and revocation is audited (ids and codes only; the reason stays in the table). An exception counts
 * from its grant until its expiry or revocation, by the platform clock; cached standings are dropped
 * at the grant and the revocation and never outlive the expiry ({@link InventoryPostures}).
 */
@Service
public class PostureExceptionRegister {

    static final String RESOURCE = "device-posture-exception";
    private static final Pattern OS_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:/()+-]{0,31}");

    /** Which devices an exception covers: one device, or every device matching the group's attributes. */
    public record Scope(
            @Nullable UUID deviceId,
            Device.@Nullable Kind kind,
            Device.@Nullable Ownership ownership,
            @Nullable String osName) {}

    /** A request for an exception; every field is checked here (null: missing). */
    public record Grant(
            Scope scope,
            @Nullable String check,
            @Nullable String reason,
            @Nullable Instant expiresAt) {}

    private final PostureExceptions exceptions;
    private final Devices devices;
    private final InventoryPostures postures;
    private final ExceptionSettings settings;
    private final CurrentWorkforceUser current;
    private final DeviceAudit audit;
    private final Clock clock;

    PostureExceptionRegister(
            PostureExceptions exceptions,
            Devices devices,
            InventoryPostures postures,
            ExceptionSettings settings,
            CurrentWorkforceUser current,
            DeviceAudit audit,
            Clock clock) {
        this.exceptions = exceptions;
        this.devices = devices;
        this.postures = postures;
        this.settings = settings;
        this.current = current;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public PostureException grant(Grant grant) {
        WorkforcePrincipal officer = officer("device.exception.grant");
        Instant now = clock.instant();
        Scope scope = grant.scope();
        boolean group = scope.kind() != null || scope.ownership() != null || scope.osName() != null;
        if ((scope.deviceId() == null) == !group
                || (scope.osName() != null && !OS_NAME.matcher(scope.osName()).matches())) {
            throw refused(officer, "exception-scope-invalid", DeviceFailure.exceptionScope());
        }
        String check = grant.check();
        if (check == null || !PostureRules.CHECKS.contains(check)) {
            throw refused(officer, "unknown-check", DeviceFailure.unknownCheck(PostureRules.EXCEPTABLE));
        }
        if (!PostureRules.EXCEPTABLE.contains(check)) {
            throw refused(officer, "check-not-exceptable", DeviceFailure.notExceptable(PostureRules.EXCEPTABLE));
        }
        if (scope.deviceId() != null) {
            Device device = devices.find(scope.deviceId())
                    .orElseThrow(() -> refused(officer, "unknown-device", DeviceFailure.unknownDevice()));
            if (device.ownerId().equals(officer.id())) {
                throw refused(officer, "exception-own-device", DeviceFailure.ownDevice());
            }
            if (device.binding() == Device.Binding.REVOKED) {
                throw refused(officer, "device-lost", DeviceFailure.deviceLost());
            }
        }
        String reason = grant.reason() == null
                ? null
                : FreeText.normalized(grant.reason().strip())
                        .filter(r -> r.length() <= 300 && FreeText.visibleLength(r) >= 10)
                        .orElse(null);
        if (reason == null) {
            throw refused(officer, "exception-reason-invalid", DeviceFailure.exceptionReason());
        }
        Instant latest = now.plus(settings.maxDuration());
        if (grant.expiresAt() == null
                || !grant.expiresAt().isAfter(now)
                || grant.expiresAt().isAfter(latest)) {
            throw refused(officer, "exception-expiry-invalid", DeviceFailure.exceptionExpiry(latest));
        }
        PostureException exception = new PostureException(
                UUID.randomUUID(),
                scope.deviceId(),
                scope.kind(),
                scope.ownership(),
                scope.osName(),
                check,
                reason,
                officer.id(),
                now,
                grant.expiresAt(),
                null,
                null);
        audit.record(
                officer,
                "device.exception.grant",
                Outcome.SUCCESS,
                check + (scope.deviceId() == null ? ",group" : ",device=" + scope.deviceId()),
                RESOURCE,
                exception.id());
        exceptions.insert(exception);
        forget(exception);
        return exception;
    }

    /** Exceptions, newest grant first; {@code active}: only those counting now. */
    public List<PostureException> list(boolean active, int page, int size) {
        WorkforcePrincipal officer = officer("device.exception.list");
        audit.record(officer, "device.exception.list", Outcome.SUCCESS, active ? "active" : "all", RESOURCE, null);
        return exceptions.list(active, clock.instant(), page * size, size);
    }

    @Transactional
    public PostureException revoke(UUID id) {
        WorkforcePrincipal officer = officer("device.exception.revoke");
        Instant now = clock.instant();
        PostureException exception = exceptions.find(id).orElseThrow(() -> {
            audit.record(officer, "device.exception.revoke", Outcome.DENIED, "exception-not-found", RESOURCE, id);
            return DeviceFailure.exceptionNotFound();
        });
        if (!exception.activeAt(now)) {
            audit.record(officer, "device.exception.revoke", Outcome.DENIED, "exception-not-active", RESOURCE, id);
            throw DeviceFailure.exceptionNotActive();
        }
        audit.record(officer, "device.exception.revoke", Outcome.SUCCESS, exception.check(), RESOURCE, id);
        if (!exceptions.revoke(id, officer.id(), now)) {
            throw DeviceFailure.exceptionNotActive();
        }
        forget(exception);
        return exceptions.find(id).orElseThrow(DeviceFailure::exceptionNotFound);
    }

    private void forget(PostureException exception) {
        if (exception.deviceId() != null) {
            postures.forget(exception.deviceId());
        } else {
            postures.forgetAll();
        }
    }

    private WorkforcePrincipal officer(String action) {
        WorkforcePrincipal me = current.current().orElseThrow(DeviceFailure::officerOnly);
        if (!me.roles().contains(Role.SECURITY_OFFICER)) {
            audit.record(me, action, Outcome.DENIED, "security-officer-only", RESOURCE, null);
            throw DeviceFailure.officerOnly();
        }
        return me;
    }

    private DeviceFailure refused(WorkforcePrincipal officer, String code, DeviceFailure failure) {
        audit.record(officer, "device.exception.grant", Outcome.DENIED, code, RESOURCE, null);
        return failure;
    }
}
