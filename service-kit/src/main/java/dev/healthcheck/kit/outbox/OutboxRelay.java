package dev.healthcheck.kit.outbox;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import dev.healthcheck.kit.lease.JobLeases;
import dev.healthcheck.kit.lease.KeptLease;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Moves committed events from the outbox table to Artemis, oldest first. A round starts as soon as a
 * transaction that wrote to the outbox commits, and on the server's managed scheduler as a safety net
 * (events left by a crash or by a round that failed because the broker was down). Rounds never overlap:
 * a request during a round makes that round go once more, so bursts of commits share rounds.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    @Inject
    OutboxStore store;

    @Inject
    TopicSender sender;

    @Inject
    JobLeases leases;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    /** After a failed round, commits stop starting rounds; the scheduler's next round tries again. */
    private volatile boolean lastRoundFailed;
    private ScheduledFuture<?> safetyNet;

    @Inject
    @ConfigProperty(name = "outbox.relay.enabled", defaultValue = "true")
    boolean enabled;

    /** Only the safety net's period: every commit starts a round of its own. */
    @Inject
    @ConfigProperty(name = "outbox.relay.interval-ms", defaultValue = "500")
    long intervalMillis;

    @Inject
    @ConfigProperty(name = "outbox.relay.batch-size", defaultValue = "200")
    int batchSize;

    /**
     * How long the relay holds the outbox without renewing its lease (it renews once half of it is gone);
     * also how long events wait when the replica relaying them is killed.
     */
    @Inject
    @ConfigProperty(name = "outbox.relay.lease", defaultValue = "PT10S")
    Duration leaseTime;

    /** The relay's lease: one replica at a time relays, oldest first, and no two send the same rows. */
    static final String JOB = "outbox-relay";

    /** Kept from round to round while there is work, so that a busy relay seldom writes its lease row. */
    private KeptLease lease;
    Clock clock = Clock.systemUTC();

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        lease = new KeptLease(leases, JOB, leaseTime, clock);
        if (enabled) {
            safetyNet = scheduler.scheduleWithFixedDelay(this::wake, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** The server's scheduler outlives the application: a redeployment (dev mode) must not leave rounds behind. */
    @PreDestroy
    void stop() {
        if (safetyNet != null) {
            safetyNet.cancel(false);
        }
        // another replica relays at once instead of after the lease's time
        if (lease != null) {
            try {
                lease.giveBack();
            } catch (RuntimeException stopping) {
                LOG.log(Level.FINE, "the outbox lease was not given back; it expires", stopping);
            }
        }
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        if (enabled && !lastRoundFailed) {
            wake();
        }
    }

    /** Asks for a round; starts one on the managed executor unless one is running, which then goes again. */
    void wake() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException refused) {
                // No round will reset the flag, so reset it here, or no round would ever start again in this
                // JVM; the scheduler's next tick asks again. Not rethrown: a scheduled task that throws is never run again.
                running.set(false);
                LOG.log(Level.INFO, "outbox relay round not started (the server is stopping, or its executor is "
                        + "saturated); the next tick asks again: {0}", refused.toString());
            }
        }
    }

    private void drain() {
        try {
            while (requested.getAndSet(false)) {
                relayQuietly();
            }
        } finally {
            running.set(false);
        }
        // A request that came between the last check and running=false would otherwise wait for the scheduler.
        if (requested.get()) {
            wake();
        }
    }

    /**
     * Relays until the outbox is empty; returns how many events went out. Does nothing while another
     * replica is relaying: it empties the same table, and takes this replica's events with it.
     */
    public int relay() {
        int sent = 0;
        if (!lease.held()) {
            return sent;
        }
        boolean failed = true;
        try {
            List<OutboxMessage> batch;
            do {
                batch = store.oldest(batchSize);
                if (!batch.isEmpty()) {
                    sender.send(batch);
                    store.remove(batch.stream().map(OutboxMessage::position).toList());
                    sent += batch.size();
                    lease.worked();
                }
                // A short batch was all there was: an event committed since then asks for a round of its own.
            } while (batch.size() == batchSize && lease.held());
            failed = false;
        } finally {
            // Idle for a safety-net period, or failing: another replica's next commit may relay at once.
            if (failed) {
                lease.giveBack();
            } else if (sent == 0) {
                lease.giveBackIfIdleFor(Duration.ofMillis(intervalMillis));
            }
        }
        return sent;
    }

    /** Logs when rounds start failing and when they succeed again, not every round in between. */
    private void relayQuietly() {
        try {
            int sent = relay();
            if (lastRoundFailed) {
                LOG.log(Level.INFO, "outbox relay works again: {0} waiting events sent", sent);
            }
            lastRoundFailed = false;
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the next round retries.
            if (!lastRoundFailed) {
                LOG.log(Level.WARNING, "outbox relay round failed, events wait in the outbox and every round "
                        + "retries until one succeeds: {0}", e.toString());
            }
            lastRoundFailed = true;
        }
    }
}
