package health.securevisit.device.internal;

import health.securevisit.audit.Outcome;
import health.securevisit.device.DeviceLost;
import health.securevisit.identity.CurrentWorkforceUser;
import health.securevisit.identity.WorkforcePrincipal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lost or stolen device response. Reporting (by the owner or a security officer) revokes the
 * binding, which ends every session proved on the device at its next request (401 with
 * {@code Clear-Site-Data}), and queues a wipe in the durable MDM outbox: a full wipe for an
 * organisation device with an MDM id, a selective wipe (sessions and site data only, done by
 * SecureVisit itself) for a BYOD device. Every step is audited.
 */
@Service
public class LostDevices {

    private final Devices devices;
    private final MdmCommands commands;
    private final InventoryPostures postures;
    private final CurrentWorkforceUser current;
    private final DeviceAudit audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LostDevices(
            Devices devices,
            MdmCommands commands,
            InventoryPostures postures,
            CurrentWorkforceUser current,
            DeviceAudit audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.devices = devices;
        this.commands = commands;
        this.postures = postures;
        this.current = current;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The wipe request queued for a lost device (or the one already queued). */
    @Transactional
    public MdmCommands.Command report(UUID deviceId) {
        WorkforcePrincipal by = current.current().orElseThrow(DeviceFailure::notYours);
        Device device = devices.find(deviceId).orElseThrow(DeviceFailure::notFound);
        if (!Inventory.ownerOrOfficer(by, device)) {
            audit.record(by, "device.lost", Outcome.DENIED, "device-not-yours", deviceId);
            throw DeviceFailure.notYours();
        }
        Instant now = clock.instant();
        if (!devices.markLost(deviceId, now)) {
            List<MdmCommands.Command> existing = commands.forDevice(deviceId);
            if (!existing.isEmpty()) {
                return existing.getFirst();
            }
        }
        postures.forget(deviceId);
        audit.record(by, "device.lost", Outcome.SUCCESS, device.ownership().name(), deviceId);
        audit.record(by, "device.binding.revoke", Outcome.SUCCESS, "lost", deviceId);
        boolean organisation = device.ownership() == Device.Ownership.ORGANISATION;
        String action = organisation ? "WIPE" : "SELECTIVE_WIPE";
        boolean viaMdm = organisation && device.mdmId() != null;
        MdmCommands.Command command = new MdmCommands.Command(
                UUID.randomUUID(),
                deviceId,
                action,
                device.mdmId(),
                viaMdm ? "PENDING" : organisation ? "FAILED" : "DONE_LOCALLY",
                0,
                now,
                viaMdm ? null : organisation ? "no-mdm-id" : null,
                now,
                viaMdm ? null : now);
        commands.insert(command, by.id());
        audit.record(
                by,
                "device.wipe.request",
                viaMdm || !organisation ? Outcome.SUCCESS : Outcome.DENIED,
                action + ":" + command.status(),
                deviceId);
        events.publishEvent(new DeviceLost(deviceId, by.id(), action, now));
        return command;
    }

    public List<MdmCommands.Command> commands(UUID deviceId) {
        WorkforcePrincipal by = current.current().orElseThrow(DeviceFailure::notYours);
        Device device = devices.find(deviceId).orElseThrow(DeviceFailure::notFound);
        if (!Inventory.ownerOrOfficer(by, device)) {
            throw DeviceFailure.notYours();
        }
        audit.record(by, "device.wipe.list", Outcome.SUCCESS, null, deviceId);
        return commands.forDevice(deviceId);
    }
}
