package dev.healthcheck.kit.inbox;

import dev.healthcheck.kit.events.EventCodec;
import dev.healthcheck.kit.events.MalformedEventException;
import dev.healthcheck.kit.events.SagaEvent;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/** Reads a saga event back from the JMS message the relay sent. */
public final class IncomingEvents {

    public static final String EVENT_TYPE = "eventType";
    public static final String EVENT_ID = "eventId";
    /** The payload's version ({@link EventCodec#VERSION} when it was written). */
    public static final String EVENT_VERSION = "eventVersion";

    private IncomingEvents() {
    }

    /** @throws MalformedEventException for anything that is not one of our events */
    public static SagaEvent read(Message message) {
        try {
            if (!(message instanceof TextMessage text) || text.getText() == null) {
                throw new MalformedEventException("not a text message: " + message.getJMSMessageID());
            }
            return EventCodec.fromJson(message.getStringProperty(EVENT_TYPE), message.getStringProperty(EVENT_VERSION),
                    text.getText());
        } catch (JMSException e) {
            throw new MalformedEventException("unreadable message: " + e.getMessage());
        }
    }
}
