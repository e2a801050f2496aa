package health.securevisit.device.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on scheduling for the MDM outbox ({@link MdmOutbox}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DeviceConfiguration {}
