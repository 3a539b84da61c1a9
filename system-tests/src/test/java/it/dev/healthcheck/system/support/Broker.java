package it.dev.healthcheck.system.support;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;

/** The real Artemis broker as a test reaches it: plain JMS, with the local run's development logins. */
public final class Broker {

    private Broker() {
    }

    /**
     * As the operator: the one broker login that may do anything (broker.xml's security-settings). At
     * whichever broker is live: the single one, or either of a pair (BrokerFailoverIT).
     */
    public static JMSContext connect() {
        var credentials = TheSystem.get().credentials();
        var factory = new ActiveMQConnectionFactory("(tcp://127.0.0.1:" + dev.healthcheck.system.Broker.PORT
                + ",tcp://127.0.0.1:" + dev.healthcheck.system.Broker.BACKUP_PORT + ")");
        return factory.createContext(credentials.getProperty("ARTEMIS_USER"), credentials.getProperty("ARTEMIS_PASSWORD"),
                JMSContext.AUTO_ACKNOWLEDGE);
    }

    /**
     * How long {@code count} persistent sends take one after another, each returning once the broker has
     * it (what the outbox relay waits for per event). To a queue of the test's own, emptied again after.
     */
    public static Duration persistentSends(int count) {
        try (JMSContext jms = connect()) {
            var queue = jms.createQueue("healthcheck-test.persistent-sends");
            var producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            long began = System.nanoTime();
            for (int i = 0; i < count; i++) {
                producer.send(queue, "send " + i);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            try (var consumer = jms.createConsumer(queue)) {
                while (consumer.receive(1_000) != null) {
                    // emptied, so that nothing of the measurement stays in the journal
                }
            }
            return took;
        }
    }

    /** How many messages in the dead-letter queue match the selector. */
    public static int deadLetters(String selector) {
        try (JMSContext jms = connect();
             var browser = jms.createBrowser(jms.createQueue("DLA"), selector)) {
            return Collections.list((Enumeration<?>) browser.getEnumeration()).size();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line per dead letter: its event and the subscription that gave up on it, for a failure's message. */
    public static List<String> describeDeadLetters() {
        try (JMSContext jms = connect();
             var browser = jms.createBrowser(jms.createQueue("DLA"))) {
            List<String> letters = new ArrayList<>();
            for (Object each : Collections.list((Enumeration<?>) browser.getEnumeration())) {
                Message letter = (Message) each;
                letters.add(letter.getStringProperty("eventType") + " " + letter.getStringProperty("eventId")
                        + " from " + letter.getStringProperty("_AMQ_ORIG_QUEUE"));
            }
            return letters;
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each matching dead letter's string properties of the given names, in queue order. */
    public static List<Map<String, String>> deadLetters(String selector, String... properties) {
        try (JMSContext jms = connect();
             var browser = jms.createBrowser(jms.createQueue("DLA"), selector)) {
            List<Map<String, String>> letters = new ArrayList<>();
            for (Object letter : Collections.list((Enumeration<?>) browser.getEnumeration())) {
                Map<String, String> values = new HashMap<>();
                for (String property : properties) {
                    values.put(property, ((Message) letter).getStringProperty(property));
                }
                letters.add(values);
            }
            return letters;
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Artemis queue behind a shared durable subscription, named as the resource adapter names it. */
    public static String subscriptionQueue(String clientId, String subscriptionName) {
        return ActiveMQDestination.createQueueNameForSubscription(true, clientId, subscriptionName).toString();
    }

    /** Stops the queue's deliveries to its consumers; messages wait in it until {@link #resume}. */
    public static void pause(String queue) {
        manage(queue, "pause");
    }

    public static void resume(String queue) {
        manage(queue, "resume");
    }

    /** What the broker does when a message's deliveries are used up: every message of the queue to DLA. */
    public static int sendToDeadLetterAddress(String queue) {
        return ((Number) manage(queue, "sendMessagesToDeadLetterAddress", (Object) null)).intValue();
    }

    /** Every message of the queue deleted, as if it had been lost: the saga never hears of it. */
    public static int drop(String queue) {
        return ((Number) manage(queue, "removeMessages", (Object) null)).intValue();
    }

    /** The queue's messages that match the filter deleted; returns how many. */
    public static int drop(String queue, String filter) {
        return ((Number) manage(queue, "removeMessages", filter)).intValue();
    }

    public static long messageCount(String queue) {
        return attribute(queue, "messageCount");
    }

    /** Consumers attached to the queue: a restarted service's listeners, once its resource adapter has activated them. */
    public static long consumerCount(String queue) {
        return attribute(queue, "consumerCount");
    }

    /** Messages handed to a consumer and not yet acknowledged by it. */
    public static long deliveringCount(String queue) {
        return attribute(queue, "deliveringCount");
    }

    private static long attribute(String queue, String attribute) {
        try (JMSContext jms = connect()) {
            return ((Number) request(jms, queue, message -> JMSManagementHelper.putAttribute(message,
                    ResourceNames.QUEUE + queue, attribute))).longValue();
        }
    }

    /** An operation on a queue through the broker's management address, as the operator account may. */
    private static Object manage(String queue, String operation, Object... arguments) {
        try (JMSContext jms = connect()) {
            return request(jms, queue, message -> JMSManagementHelper.putOperationInvocation(message,
                    ResourceNames.QUEUE + queue, operation, arguments));
        }
    }

    private interface Invocation {
        void writeTo(Message message) throws Exception;
    }

    private static Object request(JMSContext jms, String queue, Invocation invocation) {
        try {
            var replies = jms.createTemporaryQueue();
            Message request = jms.createMessage();
            invocation.writeTo(request);
            request.setJMSReplyTo(replies);
            jms.createProducer().send(jms.createQueue("activemq.management"), request);
            try (var consumer = jms.createConsumer(replies)) {
                Message reply = consumer.receive(10_000);
                if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
                    throw new IllegalStateException("management of " + queue + " failed: "
                            + (reply == null ? "no answer" : JMSManagementHelper.getResult(reply)));
                }
                return JMSManagementHelper.getResult(reply);
            }
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    public static String text(Message message) {
        try {
            return message.getBody(String.class);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
