package dev.healthcheck.kit.lease;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Runs a round of a background job in one replica at a time: the round runs only if this replica can
 * take the job's lease ({@link JobLeases}), and gives it back when done. The round runs outside the
 * lease's transactions, in whatever transactions it makes itself.
 */
@ApplicationScoped
public class ExclusiveJobs {

    @Inject
    JobLeases leases;

    /** One round, held for at most {@code time}; false (and nothing done) while another replica holds the job. */
    public boolean run(String job, Duration time, Runnable round) {
        if (!leases.hold(job, time)) {
            return false;
        }
        try {
            round.run();
            return true;
        } finally {
            leases.release(job);
        }
    }
}
