package dev.healthcheck.mypage.infrastructure.jpa;

import dev.healthcheck.mypage.domain.MyPageRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class MyPageRepository {

    @PersistenceContext
    EntityManager em;

    public Optional<MyPageRow> find(long reservationId) {
        return Optional.ofNullable(em.find(MyPageRow.class, reservationId));
    }

    public void add(MyPageRow row) {
        em.persist(row);
    }

    /** {@code customerId} null means everybody's rows. */
    public List<MyPageRow> list(String customerId, int page, int size) {
        String where = customerId == null ? "" : " WHERE r.customerId = :customerId";
        var query = em.createQuery("SELECT r FROM MyPageRow r" + where + " ORDER BY r.reservationId", MyPageRow.class);
        if (customerId != null) {
            query.setParameter("customerId", customerId);
        }
        return query.setFirstResult(page * size).setMaxResults(size).getResultList();
    }
}
