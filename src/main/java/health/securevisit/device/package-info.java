/**
 * Devices: the inventory of every device that touches PHI, browser keys bound to devices and proved
 * on every workforce session, posture evidence (MDM webhook, MDM compliance CSV, osquery/Fleet
 * policies), the device posture the access decision point asks for, and the lost-device response
 * (binding revoked, sessions ended, wipe through a durable MDM outbox).
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"access", "identity", "audit", "platform"})
package health.securevisit.device;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
