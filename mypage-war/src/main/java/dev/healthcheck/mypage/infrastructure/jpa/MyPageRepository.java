package dev.healthcheck.mypage.infrastructure.jpa;

import dev.healthcheck.mypage.domain.MyPageRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class MyPageRepository {

    @PersistenceContext
    EntityManager em;

    public Optional<MyPageRow> find(long reservationId) {
        return Optional.ofNullable(em.find(MyPageRow.class, reservationId));
    }

    /**
     * Waits until no other transaction applies an event of this booking, and keeps the others waiting
     * until this one ends. A booking's reservation events and delivery events come on two subscriptions
     * (on any replica) and are often applied at the same moment: both making its row collided on the
     * primary key, and both changing it deadlocked under Derby's read locks; the loser was rolled back
     * and redelivered, with an error in the log.
     */
    public void takeTurn(long reservationId) {
        if (em.find(BookingTurn.class, Math.floorMod(reservationId, BookingTurn.SLOTS), LockModeType.PESSIMISTIC_WRITE) == null) {
            throw new IllegalStateException("MYPAGE_BOOKING_TURN lacks the slots its change set makes");
        }
    }

    public void add(MyPageRow row) {
        em.persist(row);
    }

    /** Rows by reservation id; a null {@code customerId} or {@code scheduleId} does not filter. */
    public List<MyPageRow> list(String customerId, Long scheduleId, int page, int size) {
        List<String> conditions = new ArrayList<>();
        if (customerId != null) {
            conditions.add("r.customerId = :customerId");
        }
        if (scheduleId != null) {
            conditions.add("r.scheduleId = :scheduleId");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        var query = em.createQuery("SELECT r FROM MyPageRow r" + where + " ORDER BY r.reservationId", MyPageRow.class);
        if (customerId != null) {
            query.setParameter("customerId", customerId);
        }
        if (scheduleId != null) {
            query.setParameter("scheduleId", scheduleId);
        }
        return query.setFirstResult(page * size).setMaxResults(size).getResultList();
    }
}
