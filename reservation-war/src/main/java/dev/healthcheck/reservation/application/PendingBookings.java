package dev.healthcheck.reservation.application;

import dev.healthcheck.kit.lease.ExclusiveJobs;
import dev.healthcheck.reservation.domain.Reservation;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
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
 * Abandons booking attempts left PENDING by a crash (of this server, or of a replica), so that the seats
 * they may have taken go back. An attempt is only this old when nobody is waiting for it any more: the
 * call to schedule gives up after a second or two.
 */
@ApplicationScoped
public class PendingBookings {

    private static final Logger LOG = Logger.getLogger(PendingBookings.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ReservationLedger ledger;

    @Inject
    ExclusiveJobs jobs;

    @Inject
    @ConfigProperty(name = "booking.pending-timeout-seconds", defaultValue = "10")
    long timeoutSeconds;

    private ScheduledFuture<?> sweep;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        long period = Math.max(1, timeoutSeconds / 2);
        sweep = scheduler.scheduleWithFixedDelay(this::abandonStaleQuietly, period, period, TimeUnit.SECONDS);
    }

    /** The server's scheduler outlives the application: a redeployment (dev mode) must not leave sweeps behind. */
    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    /** Abandons every attempt PENDING for longer than the timeout; returns how many. */
    public int abandonStale() {
        int abandoned = 0;
        for (Reservation stale : ledger.pendingSince(Instant.now().minusSeconds(timeoutSeconds), 500)) {
            LOG.warning("booking attempt " + stale.attempt() + " of reservation " + stale.reservationId()
                    + " was cut short; abandoning it so schedule gives its seats back");
            ledger.abandon(stale.reservationId(), stale.attempt());
            abandoned++;
        }
        return abandoned;
    }

    private void abandonStaleQuietly() {
        try {
            // One replica sweeps at a time: two would find the same attempts and abandon each twice over.
            jobs.run("pending-bookings", Duration.ofSeconds(timeoutSeconds), this::abandonStale);
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the next round retries (a replica may have won).
            LOG.log(Level.WARNING, "abandoning stale booking attempts failed, retrying next round: {0}", e.toString());
        }
    }
}
