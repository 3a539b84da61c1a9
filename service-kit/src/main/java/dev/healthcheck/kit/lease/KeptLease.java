package dev.healthcheck.kit.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A job's lease kept from one round to the next, for a job that runs many short rounds a second (the
 * outbox relay): taking the row and giving it back every round cost three committed transactions a
 * round. The lease is renewed only once half its time is gone, so a round rarely touches the row at all;
 * it is given back when the job falls idle or fails, so that another replica can take over at once.
 * Not shared between threads at the same time: the job's rounds never overlap.
 */
public final class KeptLease {

    private final JobLeases leases;
    private final String job;
    private final Duration time;
    private final Clock clock;
    /** Until when this replica may use the lease without renewing it; null while it does not hold it. */
    private volatile Instant renewAfter;
    private volatile Instant lastWork = Instant.MIN;

    public KeptLease(JobLeases leases, String job, Duration time, Clock clock) {
        this.leases = leases;
        this.job = job;
        this.time = time;
        this.clock = clock;
    }

    /**
     * True while this replica holds the lease: at once while less than half its time is gone, else after
     * renewing (or taking) it in the database.
     */
    public boolean held() {
        // read before the renewal, so that the lease in the database outlives the time used here
        Instant now = clock.instant();
        if (renewAfter != null && now.isBefore(renewAfter)) {
            return true;
        }
        renewAfter = null;
        if (!leases.hold(job, time)) {
            return false;
        }
        renewAfter = now.plus(time.dividedBy(2));
        return true;
    }

    /** The job did work under the lease just now. */
    public void worked() {
        lastWork = clock.instant();
    }

    /** Gives the lease back if the job has done no work under it for {@code idle}. */
    public void giveBackIfIdleFor(Duration idle) {
        if (renewAfter != null && lastWork.plus(idle).isBefore(clock.instant())) {
            giveBack();
        }
    }

    /** Gives the lease back if this replica holds it. */
    public void giveBack() {
        if (renewAfter != null) {
            renewAfter = null;
            leases.release(job);
        }
    }
}
