package health.securevisit.workforce.internal;

import health.securevisit.identity.PhiRoleGranted;
import java.time.Clock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * When the workforce program's jobs run: training assignments at start, on every grant of a role
 * that sees PHI (a hire or a role change, through the event publication registry) and every
 * {@code assignmentInterval}; the policy retention purge once a day.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WorkforceSchedule {

    private final Training training;
    private final Policies policies;
    private final Clock clock;

    WorkforceSchedule(Training training, Policies policies, Clock clock) {
        this.training = training;
        this.policies = policies;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        training.assignDue(clock.instant());
    }

    @ApplicationModuleListener
    void on(PhiRoleGranted event) {
        training.assignDue(clock.instant());
    }

    @Scheduled(
            fixedDelayString = "${securevisit.workforce.assignment-interval:1h}",
            initialDelayString = "${securevisit.workforce.assignment-interval:1h}")
    void assign() {
        training.assignDue(clock.instant());
    }

    @Scheduled(fixedDelayString = "24h", initialDelayString = "1h")
    void purgePolicies() {
        policies.purgeAt(clock.instant());
    }
}
