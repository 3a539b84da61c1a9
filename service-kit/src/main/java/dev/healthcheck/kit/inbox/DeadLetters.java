package dev.healthcheck.kit.inbox;

import dev.healthcheck.kit.jms.MessageCopies;
import dev.healthcheck.kit.jms.Subscriptions;
import dev.healthcheck.kit.outbox.TopicSender;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import jakarta.transaction.Transactional;

/**
 * Puts a message that can never be applied on the dead-letter address {@code DLA} at once, instead of
 * letting the broker spend its whole redelivery budget (made for outages, minutes long) on it. The
 * copy keeps the original body and properties and says why and where from:
 * {@link #REASON}, {@link #LISTENER} and Artemis's own {@code _AMQ_ORIG_ADDRESS} and {@code _AMQ_ORIG_QUEUE}
 * (this service's subscription to that topic), so {@code /admin/dead-letters} lists and re-drives it.
 */
@ApplicationScoped
public class DeadLetters {

    /** Why the message was given up on, in words (for example "unknown event type 'NoSuchEvent'"). */
    public static final String REASON = "deadLetterReason";
    /** The listener class that gave up on it, fully qualified. */
    public static final String LISTENER = "deadLetterListener";
    /** Where the broker's own dead letters say they came from; the address (topic) of the original. */
    static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    /** The subscription queue it came to, as the broker's own say too: where a re-drive sends it back. */
    static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";
    static final String ADDRESS = "DLA";

    @Resource(lookup = "jms/healthcheck")
    ConnectionFactory connectionFactory;

    @Inject
    Subscriptions subscriptions;

    /**
     * Sends the copy, persistent, and returns once the broker has it; the caller then acknowledges the
     * original. A failure is thrown, so the original is redelivered and sent here again later. A crash
     * between the two is why the copy carries a duplicate id of its own: the broker drops the second copy.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void send(Message original, Class<?> listener, String reason) {
        try (JMSContext context = connectionFactory.createContext()) {
            // JMSX… belong to the provider; the original's duplicate id would make DLA drop copies of the same event
            Message copy = MessageCopies.copy(context, original,
                    property -> !property.startsWith("JMSX") && !property.equals(TopicSender.DUPLICATE_ID));
            copy.setStringProperty(TopicSender.DUPLICATE_ID, "dead-letter:" + listener.getName() + ":" + original.getJMSMessageID());
            copy.setStringProperty(REASON, reason);
            copy.setStringProperty(LISTENER, listener.getName());
            if (original.getJMSDestination() instanceof Topic topic) {
                copy.setStringProperty(ORIGINAL_ADDRESS, topic.getTopicName());
                subscriptions.queueOf(topic.getTopicName()).ifPresent(queue -> setQueue(copy, queue));
            }
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(context.createQueue(ADDRESS), copy);
        } catch (JMSException e) {
            throw new IllegalStateException("could not copy message to " + ADDRESS + ": " + e, e);
        }
    }

    private static void setQueue(Message copy, String queue) {
        try {
            copy.setStringProperty(ORIGINAL_QUEUE, queue);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
