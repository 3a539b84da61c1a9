package dev.healthcheck.kit.outbox;

import dev.healthcheck.kit.EventPublisher;
import dev.healthcheck.kit.events.SagaEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Publishes by writing to the outbox table in the caller's transaction: one local database
 * transaction instead of a two-phase commit with the broker. {@link OutboxRelay} sends it on as soon
 * as that transaction has committed, with the trace context of the transaction that wrote it.
 */
@ApplicationScoped
public class OutboxEventPublisher implements EventPublisher {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<OutboxWritten> written;

    /** Deployed with service-kit's tracing; an archive without it publishes untraced. */
    @Inject
    Instance<CurrentTrace> trace;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(SagaEvent event) {
        OutboxMessage message = new OutboxMessage(event);
        if (trace.isResolvable()) {
            message.carry(trace.get().fields());
        }
        em.persist(message);
        written.fire(new OutboxWritten());
    }
}
