package health.securevisit.keys.internal;

import health.securevisit.keys.CiphertextIntegrityException;
import health.securevisit.keys.CiphertextIntegrityFailed;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Turns a failed authentication into a {@link CiphertextIntegrityException} and records it as a
 * security event: a WARN line and a {@link CiphertextIntegrityFailed} event published in its own
 * transaction, so the event publication registry keeps it even when the caller's transaction rolls
 * back. Only the object's name is recorded, never content.
 */
final class IntegrityFailures {

    private static final Logger log = LoggerFactory.getLogger(IntegrityFailures.class);

    private final ApplicationEventPublisher events;
    private final TransactionOperations newTransaction;
    private final Clock clock;

    IntegrityFailures(ApplicationEventPublisher events, TransactionOperations newTransaction, Clock clock) {
        this.events = events;
        this.newTransaction = newTransaction;
        this.clock = clock;
    }

    CiphertextIntegrityException failed(String object, Throwable cause) {
        log.warn("integrity check failed: {}", object);
        try {
            newTransaction.executeWithoutResult(
                    status -> events.publishEvent(new CiphertextIntegrityFailed(object, clock.instant())));
        } catch (RuntimeException e) {
            log.error("could not record the integrity failure of {} as a security event", object, e);
        }
        return new CiphertextIntegrityException(object, cause);
    }
}
