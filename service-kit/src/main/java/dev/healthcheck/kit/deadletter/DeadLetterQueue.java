package dev.healthcheck.kit.deadletter;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import dev.healthcheck.kit.inbox.AppliedEventRetention;
import dev.healthcheck.kit.jms.BrokerAccount;
import dev.healthcheck.kit.jms.MessageCopies;
import dev.healthcheck.kit.jms.Subscriptions;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The broker's dead-letter queue as one service sees it: only the dead letters of its own subscriptions
 * ({@link Subscriptions}), read and moved with the broker's own properties
 * ({@code _AMQ_ORIG_ADDRESS}, {@code _AMQ_ORIG_QUEUE}). A re-drive sends a copy to exactly the
 * subscription that gave up ({@code address::queue}, Artemis's fully qualified queue name) and takes the
 * dead letter off {@code DLA} in the same local JMS transaction: both happen, or neither.
 * <p>
 * A connection of its own, outside the resource adapter (whose sessions take part in JTA and cannot run
 * a local JMS transaction in a web request), with the server's broker account.
 */
@ApplicationScoped
public class DeadLetterQueue {

    private static final Logger LOG = Logger.getLogger(DeadLetterQueue.class.getName());

    /** The dead-letter address of every saga topic (broker.xml), and its one queue. */
    static final String DLA = "DLA";
    static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";
    /** Set by a consumer that rejects a message at once (it can never be applied), saying why. */
    public static final String REASON = "deadLetterReason";
    static final String BROKERS_REASON = "delivery count exceeded: the broker's max-delivery-attempts failed";
    /** When and from which dead letter a message was re-driven, for whoever reads it later. */
    static final String REDRIVEN_FROM = "redrivenFrom";
    static final String REDRIVEN_AT = "redrivenAt";
    private static final String ID_PREFIX = "ID:";

    @Inject
    Subscriptions subscriptions;

    @Inject
    BrokerAccount broker;

    /** The consumer's memory of applied events (AppliedEventRetention): how long a re-drive stays safe. */
    @Inject
    @ConfigProperty(name = "inbox.retention", defaultValue = AppliedEventRetention.DEFAULT_RETENTION)
    Duration retention;

    private ActiveMQConnectionFactory factory;

    /** This service's dead letters, oldest first, at most {@code max}. */
    public List<DeadLetter> list(int max) {
        if (ownSubscriptions().isEmpty()) {
            return List.of();
        }
        try (JMSContext jms = connect(JMSContext.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = jms.createBrowser(jms.createQueue(DLA), ownSelector())) {
            // Read no further than asked: a flood of dead letters must not be held in memory at once.
            List<DeadLetter> letters = new ArrayList<>();
            Enumeration<?> messages = browser.getEnumeration();
            while (letters.size() < max && messages.hasMoreElements()) {
                letters.add(describe((Message) messages.nextElement(), window(), Instant.now()));
            }
            return letters;
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse the dead-letter queue: " + e.getMessage(), e);
        }
    }

    /** How many dead letters wait for each of this service's subscriptions (every one of them, 0 included). */
    public Map<String, Long> countBySubscription() {
        Map<String, Long> counts = new LinkedHashMap<>();
        ownSubscriptions().forEach(queue -> counts.put(queue, 0L));
        if (counts.isEmpty()) {
            return counts;
        }
        try (JMSContext jms = connect(JMSContext.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = jms.createBrowser(jms.createQueue(DLA), ownSelector())) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                counts.merge(((Message) messages.nextElement()).getStringProperty(ORIGINAL_QUEUE), 1L, Long::sum);
            }
            return counts;
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse the dead-letter queue: " + e.getMessage(), e);
        }
    }

    /**
     * Sends the dead letter back to the subscription that gave up on it and removes it from DLA, in one
     * local JMS transaction. The consumer's inbox of applied event ids makes a re-driven event count once.
     *
     * @throws DeadLetterNotFoundException no such dead letter of this service's subscriptions
     * @throws DeadLetterTooOldException   published longer ago than the consumer remembers applied events
     */
    public DeadLetter redrive(String id) {
        if (ownSubscriptions().isEmpty()) {
            throw new DeadLetterNotFoundException(id);
        }
        try (JMSContext jms = connect(JMSContext.SESSION_TRANSACTED);
             JMSConsumer consumer = jms.createConsumer(jms.createQueue(DLA),
                     "JMSMessageID = '" + ID_PREFIX + id + "' AND " + ownSelector())) {
            Message letter = consumer.receiveNoWait();
            if (letter == null) {
                jms.rollback();
                throw new DeadLetterNotFoundException(id);
            }
            DeadLetter dead = describe(letter, window(), Instant.now());
            if (!dead.redrivable()) {
                jms.rollback();
                throw new DeadLetterTooOldException(dead, retention);
            }
            // A topic's fully qualified queue: multicast routing, to that one subscription's queue only.
            jms.createProducer().send(jms.createTopic(dead.topic() + "::" + dead.subscription()), copy(jms, letter, id));
            jms.commit();
            LOG.info("re-drove dead letter " + id + " (" + dead.eventType() + " " + dead.eventId() + ") to "
                    + dead.subscription());
            return dead;
        } catch (JMSException e) {
            throw new IllegalStateException("cannot re-drive dead letter " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * A fresh message with the event's body and properties, without the broker's own: in particular no
     * duplicate id, which the topic's duplicate cache still holds and would make the broker drop the copy.
     */
    private static Message copy(JMSContext jms, Message letter, String id) throws JMSException {
        // The broker's own (_AMQ_…, __AMQ_CID) and the provider's (JMSX…) belong to the old message.
        Message copy = MessageCopies.copy(jms, letter,
                property -> !property.startsWith("_") && !property.startsWith("JMS") && !property.equals(REASON));
        copy.setStringProperty(REDRIVEN_FROM, id);
        copy.setStringProperty(REDRIVEN_AT, Instant.now().toString());
        return copy;
    }

    static DeadLetter describe(Message message, RedriveWindow window, Instant now) throws JMSException {
        String reason = message.getStringProperty(REASON);
        String messageId = message.getJMSMessageID();
        Instant publishedAt = message.getJMSTimestamp() == 0 ? null : Instant.ofEpochMilli(message.getJMSTimestamp());
        return new DeadLetter(messageId != null && messageId.startsWith(ID_PREFIX)
                ? messageId.substring(ID_PREFIX.length()) : messageId,
                message.getStringProperty("eventType"), message.getStringProperty("eventId"),
                message.getStringProperty(ORIGINAL_ADDRESS), message.getStringProperty(ORIGINAL_QUEUE),
                reason == null || reason.isBlank() ? BROKERS_REASON : reason,
                publishedAt, window.isOpenFor(publishedAt, now), window.closesFor(publishedAt).orElse(null));
    }

    private RedriveWindow window() {
        return RedriveWindow.of(retention);
    }

    private String ownSelector() {
        return ownSubscriptions().stream().map(queue -> "'" + queue.replace("'", "''") + "'")
                .collect(Collectors.joining(", ", ORIGINAL_QUEUE + " IN (", ")"));
    }

    private Collection<String> ownSubscriptions() {
        return subscriptions.queues();
    }

    /** One short-lived connection per operator call: re-drives are rare, and they need no pool. */
    private JMSContext connect(int mode) {
        return broker.context(factory, mode);
    }

    @PostConstruct
    void createFactory() {
        factory = broker.factory("reconnectAttempts=0");
    }

    @PreDestroy
    void closeFactory() {
        factory.close();
    }
}
