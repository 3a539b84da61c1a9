package dev.healthcheck.kit.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** The relay's view of the outbox table: oldest first, removed once the broker has them. */
@ApplicationScoped
public class OutboxStore {

    @PersistenceContext
    EntityManager em;

    @Transactional
    public List<OutboxMessage> oldest(int max) {
        return em.createQuery("SELECT m FROM OutboxMessage m ORDER BY m.position", OutboxMessage.class)
                .setMaxResults(max)
                .getResultList();
    }

    @Transactional
    public void remove(List<Long> positions) {
        em.createQuery("DELETE FROM OutboxMessage m WHERE m.position IN :positions")
                .setParameter("positions", positions)
                .executeUpdate();
    }

    @Transactional
    public long pending() {
        return em.createQuery("SELECT COUNT(m) FROM OutboxMessage m", Long.class).getSingleResult();
    }

    @Transactional
    public OutboxBacklog.Waiting waiting() {
        var oldest = em.createQuery("SELECT m.createdAt FROM OutboxMessage m ORDER BY m.position", Instant.class)
                .setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
        return new OutboxBacklog.Waiting(pending(), oldest);
    }
}
