package dev.healthcheck.kit.inbox;

import dev.healthcheck.kit.lease.ExclusiveJobs;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the inbox of applied event ids from growing for ever: on the server's managed scheduler, ids
 * older than {@code inbox.retention} (default 7 days) are deleted in batches of {@code inbox.purge-batch-size},
 * one short transaction each, so the purge never holds many locks. An id only has to outlive every copy
 * of its event that can still arrive: the broker gives up on a message after about 44 minutes and
 * duplicate copies from the outbox relay come within seconds, so a week is far beyond that.
 */
@ApplicationScoped
public class AppliedEventRetention {

    private static final Logger LOG = Logger.getLogger(AppliedEventRetention.class.getName());

    /** Also how long a dead letter stays re-drivable (deadletter.RedriveWindow). */
    public static final String DEFAULT_RETENTION = "P7D";

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    EventInbox inbox;

    @Inject
    ExclusiveJobs jobs;

    /** ISO-8601, e.g. P7D. */
    @Inject
    @ConfigProperty(name = "inbox.retention", defaultValue = DEFAULT_RETENTION)
    Duration retention;

    @Inject
    @ConfigProperty(name = "inbox.purge-interval", defaultValue = "PT1H")
    Duration interval;

    @Inject
    @ConfigProperty(name = "inbox.purge-batch-size", defaultValue = "500")
    int batchSize;

    private ScheduledFuture<?> purges;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        purges = scheduler.scheduleWithFixedDelay(this::purgeQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The server's scheduler outlives the application: a redeployment must not leave purges behind. */
    @PreDestroy
    void stop() {
        if (purges != null) {
            purges.cancel(false);
        }
    }

    /** Deletes every id applied longer than the retention ago, batch by batch; returns how many. */
    public int purge() {
        Instant cutoff = Instant.now().minus(retention);
        int purged = 0;
        int batch;
        do {
            batch = inbox.forgetAppliedBefore(cutoff, batchSize);
            purged += batch;
        } while (batch == batchSize);
        return purged;
    }

    private void purgeQuietly() {
        try {
            // One replica purges per interval; the others find the lease taken and wait for their next turn.
            jobs.run("inbox-retention", interval, () -> {
                int purged = purge();
                if (purged > 0) {
                    LOG.log(Level.INFO, "forgot {0} applied event ids older than {1}", new Object[] {purged, retention});
                }
            });
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the next one tries again (the database may be away).
            LOG.log(Level.WARNING, "purge of old applied event ids failed, tried again in " + interval + ": " + e);
        }
    }
}
