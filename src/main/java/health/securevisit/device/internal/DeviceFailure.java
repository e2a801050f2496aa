package health.securevisit.device.internal;

import health.securevisit.platform.SecureVisitException;
import java.util.List;
import java.util.Map;

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

    public static DeviceFailure notExceptable() {
        return new DeviceFailure(Kind.INVALID, "check-not-exceptable", "This check cannot be excepted.");
    }
}
