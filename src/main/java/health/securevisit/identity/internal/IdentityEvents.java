package health.securevisit.identity.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the identity module's events through the event publication registry. A security
 * observation is published in its own transaction so the registry keeps it even when the request's
 * transaction rolls back.
 */
@Component
class IdentityEvents {

    private static final Logger log = LoggerFactory.getLogger(IdentityEvents.class);

    private final ApplicationEventPublisher events;
    private final TransactionOperations newTransaction;

    @Autowired
    IdentityEvents(ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this(events, newTransaction(transactions));
    }

    IdentityEvents(ApplicationEventPublisher events, TransactionOperations newTransaction) {
        this.events = events;
        this.newTransaction = newTransaction;
    }

    private static TransactionOperations newTransaction(PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return template;
    }

    /** Publishes {@code event} in a transaction of its own; a failure is logged, never thrown. */
    void observed(Object event) {
        try {
            newTransaction.executeWithoutResult(status -> events.publishEvent(event));
        } catch (RuntimeException e) {
            log.error(
                    "could not publish the security event {}", event.getClass().getSimpleName(), e);
        }
    }

    /** Publishes {@code event} with the caller's transaction (it commits or rolls back with it). */
    void published(Object event) {
        events.publishEvent(event);
    }
}
