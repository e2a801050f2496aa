package health.securevisit.device.internal;

import health.securevisit.access.DeviceStanding;
import health.securevisit.audit.Outcome;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforcePrincipal;
import health.securevisit.platform.FreeText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The inventory: officers register and search devices and export them; members see their own. */
@Service
public class Inventory {

    /** The columns of the yearly asset review export. */
    public static final List<String> EXPORT_COLUMNS = List.of(
            "id",
            "ownerId",
            "name",
            "kind",
            "ownership",
            "osName",
            "osVersion",
            "serialNumber",
            "mdmId",
            "firstSeen",
            "lastSeen",
            "bindingState",
            "thumbprint",
            "lostAt");

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:/()+-]{0,63}");

    /** A new inventory entry. */
    public record NewDevice(
            UUID ownerId,
            String name,
            Device.Kind kind,
            Device.Ownership ownership,
            String osName,
            String osVersion,
            String serialNumber,
            @Nullable String mdmId) {}

    private final Devices devices;
    private final DeviceAudit audit;
    private final CurrentWorkforceUser current;
    private final InventoryPostures postures;
    private final Clock clock;

    Inventory(
            Devices devices, DeviceAudit audit, CurrentWorkforceUser current, InventoryPostures postures, Clock clock) {
        this.devices = devices;
        this.audit = audit;
        this.current = current;
        this.postures = postures;
        this.clock = clock;
    }

    public Device register(NewDevice request) {
        WorkforcePrincipal officer = current.current().orElseThrow(DeviceFailure::notYours);
        String name = FreeText.normalized(request.name())
                .filter(n -> !FreeText.hasHiddenControls(n) && n.length() <= 120)
                .orElseThrow(() -> DeviceFailure.invalid("'name' must be 1 to 120 visible characters."));
        token(request.osName(), "osName");
        token(request.osVersion(), "osVersion");
        token(request.serialNumber(), "serialNumber");
        if (request.mdmId() != null) {
            token(request.mdmId(), "mdmId");
        }
        if (devices.serialTaken(request.serialNumber())) {
            audit.record(officer, "device.register", Outcome.DENIED, "device-serial-taken", null);
            throw DeviceFailure.serialTaken();
        }
        Instant now = clock.instant();
        Device device = new Device(
                UUID.randomUUID(),
                request.ownerId(),
                name,
                request.kind(),
                request.ownership(),
                request.osName(),
                request.osVersion(),
                request.serialNumber(),
                request.mdmId(),
                now,
                now,
                Device.Binding.UNBOUND,
                null,
                null,
                null,
                null);
        audit.record(officer, "device.register", Outcome.SUCCESS, request.kind().name(), device.id());
        devices.insert(device);
        return device;
    }

    public List<Device> search(@Nullable String text, int page, int size) {
        WorkforcePrincipal officer = current.current().orElseThrow(DeviceFailure::notYours);
        audit.record(officer, "device.list", Outcome.SUCCESS, text == null || text.isBlank() ? "all" : "search", null);
        return devices.search(text, page * size, size);
    }

    /** Writes the whole inventory as CSV (Apache Commons CSV, RFC 4180), audited as {@code device.export}. */
    public void export(Writer out) {
        WorkforcePrincipal officer = current.current().orElseThrow(DeviceFailure::notYours);
        audit.record(officer, "device.export", Outcome.SUCCESS, "csv", null);
        try {
            // Not closed here: the caller owns the response stream.
            CSVPrinter csv = CSVFormat.RFC4180
                    .builder()
                    .setHeader(EXPORT_COLUMNS.toArray(String[]::new))
                    .get()
                    .print(out);
            int offset = 0;
            List<Device> batch;
            do {
                batch = devices.search(null, offset, 500);
                for (Device d : batch) {
                    csv.printRecord(
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
                offset += batch.size();
            } while (batch.size() == 500);
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The caller's own devices with their standing (audited as {@code device.list-own}). */
    public List<Mine> mine() {
        WorkforcePrincipal me = current.current().orElseThrow(DeviceFailure::notYours);
        audit.record(me, "device.list-own", Outcome.SUCCESS, null, null);
        return devices.ownedBy(me.id()).stream()
                .map(d -> new Mine(d, postures.standing(d), d.id().toString().equals(me.deviceId())))
                .toList();
    }

    /** One of the caller's devices, its standing, and whether this request proved it. */
    public record Mine(Device device, DeviceStanding standing, boolean thisBrowser) {}

    /** Whether the principal may act on the device as its owner or as a security officer. */
    static boolean ownerOrOfficer(WorkforcePrincipal principal, Device device) {
        return device.ownerId().equals(principal.id()) || principal.roles().contains(Role.SECURITY_OFFICER);
    }

    private static void token(String value, String field) {
        if (value == null || !TOKEN.matcher(value).matches()) {
            throw DeviceFailure.invalid(
                    "'" + field + "' must be 1 to 64 letters, digits or . _ : / ( ) + - and spaces.");
        }
    }
}
