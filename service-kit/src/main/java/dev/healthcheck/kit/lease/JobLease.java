package dev.healthcheck.kit.lease;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Which replica of a service may run one of its background jobs (the outbox relay, a sweep, a purge) until
 * when: one row per job in the service's database, shared by its replicas. {@link JobLeases} takes it.
 */
@Entity
@Table(name = "JOB_LEASE")
public class JobLease {

    @Id
    @Column(length = 64)
    private String job;

    @Column(nullable = false, length = 200)
    private String holder;

    @Column(nullable = false)
    private Instant expiresAt;

    protected JobLease() {
    }

    JobLease(String job, String holder, Instant expiresAt) {
        this.job = job;
        this.holder = holder;
        this.expiresAt = expiresAt;
    }
}
