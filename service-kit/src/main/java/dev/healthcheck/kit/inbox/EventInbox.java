package dev.healthcheck.kit.inbox;

import dev.healthcheck.kit.events.SagaEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Makes consumers idempotent: an event is applied only on its first delivery. The id is recorded in
 * the consumer's own transaction, so a redelivery after a crash finds it; two concurrent copies
 * collide on the primary key and the loser is redelivered, then skipped.
 */
@ApplicationScoped
public class EventInbox {

    @PersistenceContext
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(SagaEvent event) {
        String id = event.eventId().toString();
        if (em.find(AppliedEvent.class, id) != null) {
            return false;
        }
        em.persist(new AppliedEvent(id, event.type(), Instant.now()));
        return true;
    }
}
