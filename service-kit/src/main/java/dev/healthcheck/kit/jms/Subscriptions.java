package dev.healthcheck.kit.jms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This service's shared durable subscriptions, one per topic it follows, under the queue names the
 * resource adapter gives them: {@code dead-letters.subscriptions}, entries {@code topic=clientId:subscriptionName}
 * as its server.xml's activation specs name them. Both kinds of dead letter carry that queue in
 * {@code _AMQ_ORIG_QUEUE}: the broker's own, and those a listener sends itself (an event it can never apply),
 * so the service finds and re-drives both.
 */
@ApplicationScoped
public class Subscriptions {

    @Inject
    @ConfigProperty(name = "dead-letters.subscriptions")
    Optional<List<String>> configured;

    /** The queue of this service's subscription to a topic, if it follows that topic. */
    public Optional<String> queueOf(String topic) {
        return Optional.ofNullable(byTopic().get(topic));
    }

    public Collection<String> queues() {
        return byTopic().values();
    }

    private Map<String, String> byTopic() {
        Map<String, String> queues = new LinkedHashMap<>();
        configured.orElse(List.of()).stream().map(String::strip).filter(entry -> !entry.isEmpty())
                .forEach(entry -> {
                    int equals = entry.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException("dead-letters.subscriptions: expected "
                                + "topic=clientId:subscriptionName, not " + entry);
                    }
                    queues.put(entry.substring(0, equals), queueNamed(entry.substring(equals + 1)));
                });
        return queues;
    }

    /** The Artemis queue of a shared durable subscription ({@code clientId:subscriptionName}). */
    static String queueNamed(String clientIdAndSubscription) {
        int colon = clientIdAndSubscription.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("dead-letters.subscriptions: expected clientId:subscriptionName, not "
                    + clientIdAndSubscription);
        }
        return ActiveMQDestination.createQueueNameForSubscription(true, clientIdAndSubscription.substring(0, colon),
                clientIdAndSubscription.substring(colon + 1)).toString();
    }
}
