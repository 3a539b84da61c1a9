package dev.healthcheck.schedule.infrastructure.jpa;

import dev.healthcheck.schedule.domain.Schedule;
import dev.healthcheck.schedule.domain.SeatHold;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityExistsException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Schedules and seat holds in schedule's own database. */
@ApplicationScoped
public class ScheduleRepository {

    @PersistenceContext
    EntityManager em;

    public Optional<Schedule> find(long scheduleId) {
        return Optional.ofNullable(em.find(Schedule.class, scheduleId));
    }

    /**
     * Reads the schedule with a row lock held until commit: every change to its seats is serialised in
     * the database, so no two bookings (on any replica) can both take the last seat.
     */
    public Optional<Schedule> findForUpdate(long scheduleId) {
        return Optional.ofNullable(em.find(Schedule.class, scheduleId, LockModeType.PESSIMISTIC_WRITE));
    }

    public boolean exists(long scheduleId) {
        return em.find(Schedule.class, scheduleId) != null;
    }

    /**
     * Inserts a new schedule now rather than at commit, so that of two concurrent registrations of one id
     * (both found it free) the second learns here that it lost: false, and its transaction is rollback-only.
     */
    public boolean addNew(Schedule schedule) {
        try {
            em.persist(schedule);
            em.flush();
            return true;
        } catch (PersistenceException e) {
            if (e instanceof EntityExistsException || isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** SQLSTATE 23505: a unique constraint (here the primary key) refused the row. */
    private static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public Optional<SeatHold> findHold(long reservationId) {
        return Optional.ofNullable(em.find(SeatHold.class, reservationId));
    }

    /** Holds still HELD and unchanged since before {@code before}, after {@code afterReservationId}, in id order. */
    public List<SeatHold> heldSince(Instant before, long afterReservationId, int max) {
        return em.createQuery("SELECT h FROM SeatHold h WHERE h.status = :held AND h.changedAt < :before"
                        + " AND h.reservationId > :after ORDER BY h.reservationId", SeatHold.class)
                .setParameter("held", SeatHold.Status.HELD).setParameter("before", before)
                .setParameter("after", afterReservationId).setMaxResults(max).getResultList();
    }

    public void add(SeatHold hold) {
        em.persist(hold);
    }

    public List<Schedule> search(ScheduleFilter filter, int page, int size) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Schedule> query = cb.createQuery(Schedule.class);
        Root<Schedule> s = query.from(Schedule.class);
        query.select(s).where(filter.toPredicates(cb, s)).orderBy(cb.asc(s.get("scheduleId")));
        return em.createQuery(query).setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    public long count(ScheduleFilter filter) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<Schedule> s = query.from(Schedule.class);
        query.select(cb.count(s)).where(filter.toPredicates(cb, s));
        return em.createQuery(query).getSingleResult();
    }

    /** Which schedules a listing shows; null fields do not filter. */
    public record ScheduleFilter(String programme, String location, Integer minAvailable) {

        Predicate[] toPredicates(CriteriaBuilder cb, Root<Schedule> s) {
            List<Predicate> predicates = new ArrayList<>();
            if (programme != null) {
                predicates.add(cb.equal(s.get("programme"), programme));
            }
            if (location != null) {
                predicates.add(cb.equal(s.get("location"), location));
            }
            if (minAvailable != null) {
                predicates.add(cb.greaterThanOrEqualTo(s.get("availableCount"), minAvailable));
            }
            return predicates.toArray(Predicate[]::new);
        }
    }
}
