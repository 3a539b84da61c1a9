package dev.healthcheck.kit.reconciliation;

import dev.healthcheck.kit.lease.ExclusiveJobs;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The saga's safety net: every {@code reconciliation.interval-seconds} the service's {@link Reconciler}s
 * repair what the events should have done but did not (an event lost or dead-lettered), once it has been
 * wrong for longer than {@code reconciliation.grace-seconds}, so the saga's own events always have that
 * long to do it first. Each repair is logged and counted in {@code /metrics} as
 * {@code healthcheck_reconciled_total{what=…}}. A service without reconcilers runs nothing.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Instance<Reconciler> reconcilers;

    @Inject
    MetricRegistry metrics;

    @Inject
    ExclusiveJobs jobs;

    @Inject
    @ConfigProperty(name = "reconciliation.interval-seconds", defaultValue = "60")
    long intervalSeconds;

    @Inject
    @ConfigProperty(name = "reconciliation.grace-seconds", defaultValue = "600")
    long graceSeconds;

    private ScheduledFuture<?> round;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (reconcilers.isUnsatisfied()) {
            return;
        }
        // At 0 from the start, so that a dashboard sees the series before the first repair.
        reconcilers.forEach(this::repairs);
        round = scheduler.scheduleWithFixedDelay(this::runQuietly, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    /** The server's scheduler outlives the application: a redeployment must not leave rounds behind. */
    @PreDestroy
    void stop() {
        if (round != null) {
            round.cancel(false);
        }
    }

    /** One round of every reconciler; returns how many repairs it made. */
    public int run() {
        Instant cutoff = Instant.now().minusSeconds(graceSeconds);
        int repaired = 0;
        for (Reconciler reconciler : reconcilers) {
            List<String> repairs = reconciler.reconcile(cutoff);
            for (String repair : repairs) {
                repairs(reconciler).inc();
                LOG.warning("reconciled " + reconciler.what() + ": " + repair);
            }
            repaired += repairs.size();
        }
        return repaired;
    }

    private Counter repairs(Reconciler reconciler) {
        return metrics.counter("healthcheck.reconciled", new Tag("what", reconciler.what()));
    }

    private void runQuietly() {
        try {
            // One replica's round at a time, or both would repair the same fault (two releases of one hold).
            // Held for at most the grace: a round is far shorter, and what a killed replica's round left
            // undone waits no longer than the repairs themselves are made to wait.
            jobs.run("reconciliation", Duration.ofSeconds(graceSeconds), this::run);
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the next round tries anew.
            LOG.log(Level.WARNING, "reconciliation failed, retrying next round: {0}", e.toString());
        }
    }
}
