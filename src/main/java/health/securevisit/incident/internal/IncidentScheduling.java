package health.securevisit.incident.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the communication plan's escalation check ({@code securevisit.incident.escalation-check}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IncidentScheduling {}
