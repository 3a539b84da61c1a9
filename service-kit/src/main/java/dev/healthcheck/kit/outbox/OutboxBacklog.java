package dev.healthcheck.kit.outbox;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * What waits in the outbox: in {@code /metrics} as {@code healthcheck_outbox_backlog} (events) and
 * {@code healthcheck_outbox_oldest_age_seconds}. Counted every {@code outbox.backlog.interval-ms} on the
 * managed scheduler, apart from the relay: a relay round stuck on a send while the broker is away is just
 * when the figure matters, and a scrape then costs no query.
 */
@ApplicationScoped
public class OutboxBacklog {

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    OutboxStore store;

    @Inject
    MetricRegistry metrics;

    /** A service that publishes nothing (mypage) has no outbox to count. */
    @Inject
    @ConfigProperty(name = "outbox.relay.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "outbox.backlog.interval-ms", defaultValue = "5000")
    long intervalMillis;

    private volatile Waiting last = Waiting.NOTHING;
    /** Ended with the application, like the relay's rounds. */
    private ScheduledFuture<?> counting;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        metrics.gauge(Metadata.builder().withName("healthcheck.outbox.backlog")
                .withDescription("Events committed but not yet handed to the broker")
                .build(), this, OutboxBacklog::events);
        metrics.gauge(Metadata.builder().withName("healthcheck.outbox.oldest.age").withUnit(MetricUnits.SECONDS)
                .withDescription("How long the oldest event in the outbox has waited; 0 when none waits")
                .build(), this, backlog -> backlog.oldestAge(Instant.now()).toSeconds());
        if (enabled) {
            counting = scheduler.scheduleWithFixedDelay(this::measure, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (counting != null) {
            counting.cancel(false);
        }
    }

    public long events() {
        return last.events();
    }

    Duration oldestAge(Instant now) {
        return last.oldest() == null ? Duration.ZERO : Duration.between(last.oldest(), now);
    }

    /** Counts what waits; with the database away, the last figures stand (readiness says it is away). */
    void measure() {
        try {
            last = store.waiting();
        } catch (RuntimeException databaseAway) {
            // not rethrown: a scheduled task that throws is never run again
        }
    }

    /** Events waiting and when the oldest of them was written (null when none). */
    public record Waiting(long events, Instant oldest) {
        static final Waiting NOTHING = new Waiting(0, null);
    }
}
