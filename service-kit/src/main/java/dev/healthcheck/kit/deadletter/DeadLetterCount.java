package dev.healthcheck.kit.deadletter;

import dev.healthcheck.kit.jms.Subscriptions;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What waits on {@code DLA} for this service, in {@code /metrics} as
 * {@code healthcheck_dead_letters{subscription=…}}, one gauge per subscription. Counted every
 * {@code dead-letters.count.interval-ms} on the managed scheduler, not per scrape: counting browses the
 * dead-letter queue, and a scrape should cost nothing. With the broker away, the last figures stand.
 */
@ApplicationScoped
public class DeadLetterCount {

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    DeadLetterQueue queue;

    @Inject
    Subscriptions subscriptions;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "dead-letters.count.interval-ms", defaultValue = "30000")
    long intervalMillis;

    private final Map<String, Long> last = new ConcurrentHashMap<>();
    /** Ended with the application, like the outbox relay's rounds. */
    private ScheduledFuture<?> counting;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        for (String subscription : subscriptions.queues()) {
            last.put(subscription, 0L);
            metrics.gauge(Metadata.builder().withName("healthcheck.dead.letters")
                    .withDescription("Events of this subscription waiting on the dead-letter address DLA "
                            + "(GET /admin/dead-letters lists them)")
                    .build(), this, count -> count.waiting(subscription), new Tag("subscription", subscription));
        }
        if (!last.isEmpty()) {
            counting = scheduler.scheduleWithFixedDelay(this::measure, 0, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (counting != null) {
            counting.cancel(false);
        }
    }

    long waiting(String subscription) {
        return last.getOrDefault(subscription, 0L);
    }

    void measure() {
        try {
            last.putAll(queue.countBySubscription());
        } catch (RuntimeException brokerAway) {
            // not rethrown: a scheduled task that throws is never run again
        }
    }
}
