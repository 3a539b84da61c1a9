package dev.healthcheck.reservation.infrastructure.jpa;

import dev.healthcheck.reservation.domain.Reservation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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

    public void add(Reservation reservation) {
        em.persist(reservation);
        // Surface a duplicate id here, inside the caller's try, rather than at commit.
        em.flush();
    }

    /** Newest first; {@code customerId} null means everybody's. */
    public List<Reservation> list(String customerId, int page, int size) {
        String where = customerId == null ? "" : " WHERE r.customerId = :customerId";
        var query = em.createQuery("SELECT r FROM Reservation r" + where
                + " ORDER BY r.reservedAt DESC, r.reservationId", Reservation.class);
        if (customerId != null) {
            query.setParameter("customerId", customerId);
        }
        return query.setFirstResult(page * size).setMaxResults(size).getResultList();
    }
}
