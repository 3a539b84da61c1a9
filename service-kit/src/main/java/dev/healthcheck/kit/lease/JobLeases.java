package dev.healthcheck.kit.lease;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Keeps a service's replicas from running the same background job at once. A round of a job runs only
 * while this replica holds the job's lease, a row in the service's database taken with one conditional
 * UPDATE (free, expired, or already ours): no lock is held between statements, so nobody waits and
 * nothing deadlocks, on Derby (which has no SKIP LOCKED) as on PostgreSQL. The lease is given back when
 * the round ends; a replica killed during a round holds it until it expires, so the lease time bounds how
 * long a job can pause. The jobs stay correct without the lease (fenced updates, idempotent consumers,
 * duplicate detection); it only saves the work and the noise of two replicas racing for the same rows.
 */
@ApplicationScoped
public class JobLeases {

    /** This server's life: a restarted replica is a new holder, and waits for what its old life held to expire. */
    private final String holder = System.getenv().getOrDefault("HOSTNAME", "server") + "/" + UUID.randomUUID();

    @PersistenceContext
    EntityManager em;

    /**
     * Takes (or extends) the job's lease for {@code time} if no other replica holds it; true when this
     * replica holds it now. Its own transaction: the lease is visible to the other replicas at once.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean hold(String job, Duration time) {
        Instant now = Instant.now();
        int taken = em.createQuery("UPDATE JobLease l SET l.holder = :holder, l.expiresAt = :until "
                        + "WHERE l.job = :job AND (l.holder = :holder OR l.expiresAt < :now)")
                .setParameter("holder", holder).setParameter("until", now.plus(time))
                .setParameter("job", job).setParameter("now", now)
                .executeUpdate();
        if (taken == 1) {
            return true;
        }
        if (em.find(JobLease.class, job) != null) {
            return false;
        }
        // The job's first round in this database. Replicas starting together may both get here: the
        // primary key lets one in; the other's transaction fails and its job waits for a later round.
        em.persist(new JobLease(job, holder, now.plus(time)));
        return true;
    }

    /** Gives the lease back if this replica holds it, so that any replica can run the next round at once. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String job) {
        em.createQuery("UPDATE JobLease l SET l.expiresAt = :now WHERE l.job = :job AND l.holder = :holder")
                .setParameter("now", Instant.now()).setParameter("job", job).setParameter("holder", holder)
                .executeUpdate();
    }
}
