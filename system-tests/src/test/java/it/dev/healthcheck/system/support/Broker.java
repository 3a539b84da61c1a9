package it.dev.healthcheck.system.support;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** The real Artemis broker as a test reaches it: plain JMS, with the local run's development credentials. */
public final class Broker {

    private Broker() {
    }

    public static JMSContext connect() {
        var credentials = TheSystem.get().credentials();
        var factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + dev.healthcheck.system.Broker.PORT);
        return factory.createContext(credentials.getProperty("ARTEMIS_USER"), credentials.getProperty("ARTEMIS_PASSWORD"),
                JMSContext.AUTO_ACKNOWLEDGE);
    }

    /** How many messages in the dead-letter queue match the selector. */
    public static int deadLetters(String selector) {
        try (JMSContext jms = connect();
             var browser = jms.createBrowser(jms.createQueue("DLA"), selector)) {
            return Collections.list((java.util.Enumeration<?>) browser.getEnumeration()).size();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each matching dead letter's string properties of the given names, in queue order. */
    public static List<Map<String, String>> deadLetters(String selector, String... properties) {
        try (JMSContext jms = connect();
             var browser = jms.createBrowser(jms.createQueue("DLA"), selector)) {
            List<Map<String, String>> letters = new ArrayList<>();
            for (Object letter : Collections.list((java.util.Enumeration<?>) browser.getEnumeration())) {
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

    public static String text(Message message) {
        try {
            return message.getBody(String.class);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
