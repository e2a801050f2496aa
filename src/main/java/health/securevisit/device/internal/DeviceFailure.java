package health.securevisit.device.internal;

import health.securevisit.platform.SecureVisitException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The device module's refusals; messages never echo input values. */
public final class DeviceFailure extends SecureVisitException {

    private final Map<String, Object> details;

    private DeviceFailure(Kind kind, String code, String message, Map<String, Object> details) {
        super(kind, code, message);
        this.details = Map.copyOf(details);
    }

    private DeviceFailure(Kind kind, String code, String message) {
        this(kind, code, message, Map.of());
    }

    @Override
    public Map<String, Object> problemProperties() {
        return details;
    }

    public static DeviceFailure notFound() {
        return new DeviceFailure(Kind.NOT_FOUND, "device-not-found", "There is no such device.");
    }

    public static DeviceFailure invalid(String message) {
        return new DeviceFailure(Kind.INVALID, "invalid-device-request", message);
    }

    public static DeviceFailure serialTaken() {
        return new DeviceFailure(Kind.CONFLICT, "device-serial-taken", "A device with this serial number is listed.");
    }

    public static DeviceFailure notUnbound() {
        return new DeviceFailure(
                Kind.CONFLICT,
                "device-not-unbound",
                "This device is already bound or was revoked; ask a security officer.");
    }

    public static DeviceFailure notYours() {
        return new DeviceFailure(Kind.FORBIDDEN, "device-not-yours", "This device is not registered to you.");
    }

    public static DeviceFailure badKey() {
        return new DeviceFailure(
                Kind.INVALID, "device-key-invalid", "The key must be a public ECDSA P-256 JWK (kty EC, crv P-256).");
    }

    public static DeviceFailure proofInvalid() {
        return new DeviceFailure(Kind.INVALID, "device-proof-invalid", "The device proof is not valid.");
    }

    public static DeviceFailure challengeInvalid() {
        return new DeviceFailure(
                Kind.INVALID,
                "device-challenge-invalid",
                "The challenge is unknown, used or expired; ask for a new one.");
    }

    public static DeviceFailure signatureInvalid() {
        return new DeviceFailure(
                Kind.FORBIDDEN, "report-signature-invalid", "The report's signature is missing or wrong.");
    }

    public static DeviceFailure unknownDevice() {
        return new DeviceFailure(Kind.NOT_FOUND, "unknown-device", "The report names no device of the inventory.");
    }

    public static DeviceFailure replayed() {
        return new DeviceFailure(
                Kind.CONFLICT,
                "report-replayed",
                "This report was received before, or is not newer than the last one.");
    }

    public static DeviceFailure csvColumns(List<String> unknown, List<String> missing) {
        return new DeviceFailure(
                Kind.INVALID,
                "csv-columns-invalid",
                "The CSV header must have exactly the documented columns.",
                Map.of("unknownColumns", unknown, "missingColumns", missing));
    }

    public static DeviceFailure officerOnly() {
        return new DeviceFailure(
                Kind.FORBIDDEN, "security-officer-only", "Only a security officer records or revokes exceptions.");
    }

    public static DeviceFailure ownDevice() {
        return new DeviceFailure(
                Kind.FORBIDDEN, "exception-own-device", "Another security officer must except your own device.");
    }

    public static DeviceFailure unknownCheck(Set<String> exceptable) {
        return new DeviceFailure(
                Kind.INVALID,
                "unknown-check",
                "There is no such posture check.",
                Map.of("exceptableChecks", exceptable.stream().sorted().toList()));
    }

    public static DeviceFailure notExceptable(Set<String> exceptable) {
        return new DeviceFailure(
                Kind.INVALID,
                "check-not-exceptable",
                "This check cannot be excepted.",
                Map.of("exceptableChecks", exceptable.stream().sorted().toList()));
    }

    public static DeviceFailure exceptionScope() {
        return new DeviceFailure(
                Kind.INVALID,
                "exception-scope-invalid",
                "Name either one device (deviceId) or a group (kind, ownership and/or osName), not both.");
    }

    public static DeviceFailure exceptionReason() {
        return new DeviceFailure(
                Kind.INVALID, "exception-reason-invalid", "'reason' must be 10 to 300 visible characters.");
    }

    public static DeviceFailure exceptionExpiry(Instant latest) {
        return new DeviceFailure(
                Kind.INVALID,
                "exception-expiry-invalid",
                "'expiresAt' is required, must be in the future and no later than the maximum duration allows.",
                Map.of("latestExpiry", latest.toString()));
    }

    public static DeviceFailure deviceLost() {
        return new DeviceFailure(Kind.CONFLICT, "device-lost", "This device was reported lost; it gets no exception.");
    }

    public static DeviceFailure exceptionNotFound() {
        return new DeviceFailure(Kind.NOT_FOUND, "exception-not-found", "There is no such exception.");
    }

    public static DeviceFailure exceptionNotActive() {
        return new DeviceFailure(
                Kind.CONFLICT, "exception-not-active", "This exception was already revoked or has expired.");
    }
}
