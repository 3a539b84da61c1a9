package dev.healthcheck.kit.inbox;

import dev.healthcheck.kit.events.SagaEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

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

    /** Forgets at most {@code limit} events applied before {@code cutoff}, oldest first; returns how many. */
    @Transactional
    public int forgetAppliedBefore(Instant cutoff, int limit) {
        List<String> ids = em.createQuery("SELECT a.eventId FROM AppliedEvent a WHERE a.appliedAt < :cutoff "
                        + "ORDER BY a.appliedAt", String.class)
                .setParameter("cutoff", cutoff).setMaxResults(limit).getResultList();
        return ids.isEmpty() ? 0 : em.createQuery("DELETE FROM AppliedEvent a WHERE a.eventId IN :ids")
                .setParameter("ids", ids).executeUpdate();
    }
}
