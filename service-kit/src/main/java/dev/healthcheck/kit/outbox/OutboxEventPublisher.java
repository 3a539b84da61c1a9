package dev.healthcheck.kit.outbox;

import dev.healthcheck.kit.EventPublisher;
import dev.healthcheck.kit.events.SagaEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Publishes by writing to the outbox table in the caller's transaction: one local database
 * transaction instead of a two-phase commit with the broker. {@link OutboxRelay} sends it on as soon
 * as that transaction has committed.
 */
@ApplicationScoped
public class OutboxEventPublisher implements EventPublisher {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<OutboxWritten> written;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(SagaEvent event) {
        em.persist(new OutboxMessage(event));
        written.fire(new OutboxWritten());
    }
}
