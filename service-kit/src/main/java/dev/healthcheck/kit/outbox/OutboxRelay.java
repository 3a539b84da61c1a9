package dev.healthcheck.kit.outbox;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Moves committed events from the outbox table to Artemis, oldest first, on the server's managed
 * scheduler. A failed round (broker down) leaves the rows in place for the next one.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    OutboxStore store;

    @Inject
    TopicSender sender;

    @Inject
    @ConfigProperty(name = "outbox.relay.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "outbox.relay.interval-ms", defaultValue = "50")
    long intervalMillis;

    @Inject
    @ConfigProperty(name = "outbox.relay.batch-size", defaultValue = "200")
    int batchSize;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (enabled) {
            scheduler.scheduleWithFixedDelay(this::relayQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Relays until the outbox is empty; returns how many events went out. */
    public int relay() {
        int sent = 0;
        List<OutboxMessage> batch;
        while (!(batch = store.oldest(batchSize)).isEmpty()) {
            sender.send(batch);
            store.remove(batch.stream().map(OutboxMessage::position).toList());
            sent += batch.size();
        }
        return sent;
    }

    private void relayQuietly() {
        try {
            relay();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; log and let the next round retry.
            LOG.log(Level.WARNING, "outbox relay round failed, retrying next round: {0}", e.toString());
        }
    }
}
