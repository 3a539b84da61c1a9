package dev.healthcheck.delivery.infrastructure.jpa;

import dev.healthcheck.delivery.domain.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class DeliveryRepository {

    @PersistenceContext
    EntityManager em;

    public Optional<Delivery> find(long reservationId) {
        return Optional.ofNullable(em.find(Delivery.class, reservationId));
    }

    /** Locked until the transaction ends: two mail room calls for one letter take turns instead of failing. */
    public Optional<Delivery> findForUpdate(long reservationId) {
        return Optional.ofNullable(em.find(Delivery.class, reservationId, LockModeType.PESSIMISTIC_WRITE));
    }

    public void add(Delivery delivery) {
        em.persist(delivery);
    }

    /** Mail-outs still PREPARING after {@code afterReservationId}, in reservation order, for reconciliation. */
    public List<Delivery> preparing(long afterReservationId, int max) {
        return em.createQuery("SELECT d FROM Delivery d WHERE d.status = :preparing AND d.reservationId > :after"
                        + " ORDER BY d.reservationId", Delivery.class)
                .setParameter("preparing", Delivery.Status.PREPARING).setParameter("after", afterReservationId)
                .setMaxResults(max).getResultList();
    }

    /** In reservation order; a null {@code scheduleId} means every schedule's. */
    public List<Delivery> list(Long scheduleId, int page, int size) {
        var query = scheduleId == null
                ? em.createQuery("SELECT d FROM Delivery d ORDER BY d.reservationId", Delivery.class)
                : em.createQuery("SELECT d FROM Delivery d WHERE d.scheduleId = :scheduleId ORDER BY d.reservationId",
                        Delivery.class).setParameter("scheduleId", scheduleId);
        return query.setFirstResult(page * size).setMaxResults(size).getResultList();
    }
}
