package dev.healthcheck.reservation.infrastructure.jpa;

import dev.healthcheck.reservation.domain.Reservation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reservations in reservation's own database. */
@ApplicationScoped
public class ReservationRepository {

    @PersistenceContext
    EntityManager em;

    public Optional<Reservation> find(long reservationId) {
        return Optional.ofNullable(em.find(Reservation.class, reservationId));
    }

    /** The customer's booking that asked for {@code requestedId} and got an id of the server's instead. */
    public Optional<Reservation> findRequested(String customerId, long requestedId) {
        return em.createQuery("SELECT r FROM Reservation r WHERE r.customerId = :customerId"
                        + " AND r.requestedId = :requestedId", Reservation.class)
                .setParameter("customerId", customerId)
                .setParameter("requestedId", requestedId)
                .getResultStream().findFirst();
    }

    public void add(Reservation reservation) {
        em.persist(reservation);
        // Surface a duplicate id here, inside the caller's try, rather than at commit.
        em.flush();
    }

    /** The reservations of these ids that exist. */
    public List<Reservation> findAll(Collection<Long> reservationIds) {
        return em.createQuery("SELECT r FROM Reservation r WHERE r.reservationId IN :ids", Reservation.class)
                .setParameter("ids", reservationIds).getResultList();
    }

    public List<Reservation> pendingSince(Instant before, int max) {
        return em.createQuery("SELECT r FROM Reservation r WHERE r.status = :pending AND r.reservedAt < :before"
                        + " ORDER BY r.reservedAt", Reservation.class)
                .setParameter("pending", Reservation.Status.PENDING)
                .setParameter("before", before)
                .setMaxResults(max)
                .getResultList();
    }

    /**
     * Booked reservations (reserved or cancelled), newest first; a null {@code customerId} means
     * everybody's, a null {@code scheduleId} every schedule's.
     */
    public List<Reservation> list(String customerId, Long scheduleId, int page, int size) {
        String where = (customerId == null ? "" : " AND r.customerId = :customerId")
                + (scheduleId == null ? "" : " AND r.scheduleId = :scheduleId");
        var query = em.createQuery("SELECT r FROM Reservation r WHERE r.status IN :booked" + where
                + " ORDER BY r.reservedAt DESC, r.reservationId", Reservation.class)
                .setParameter("booked", List.of(Reservation.Status.RESERVED, Reservation.Status.CANCELLED));
        if (customerId != null) {
            query.setParameter("customerId", customerId);
        }
        if (scheduleId != null) {
            query.setParameter("scheduleId", scheduleId);
        }
        return query.setFirstResult(page * size).setMaxResults(size).getResultList();
    }
}
