package dev.healthcheck.kit.outbox;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Topic;
import dev.healthcheck.kit.inbox.IncomingEvents;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/**
 * Hands outbox messages to their Artemis topics, persistent, each stamped for duplicate detection and
 * with its type, id and payload version beside it, and the trace context it was written in.
 */
@ApplicationScoped
public class TopicSender {

    /** Artemis drops a message whose id it has already seen on that address (its duplicate-id cache). */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    /**
     * The JMS message group: Artemis hands a group's messages to one consumer of a subscription at a time,
     * in order, however many sessions and replicas share it. One group per booking, so that two events of
     * one booking (its Reserved and its cancellation) are never applied at once by two listeners racing
     * to create or change the same row.
     */
    public static final String GROUP_ID = "JMSXGroupID";

    @Resource(lookup = "jms/healthcheck")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/topic/schedule")
    Topic scheduleTopic;

    @Resource(lookup = "jms/topic/reservation")
    Topic reservationTopic;

    @Resource(lookup = "jms/topic/delivery")
    Topic deliveryTopic;

    /**
     * Sends outside any transaction: each send returns once the broker has persisted the message, and
     * a crash before the outbox rows are removed only resends what Artemis and the inbox discard.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void send(List<OutboxMessage> batch) {
        Map<String, Topic> topics = Map.of(
                dev.healthcheck.kit.events.Topic.SCHEDULE.address(), scheduleTopic,
                dev.healthcheck.kit.events.Topic.RESERVATION.address(), reservationTopic,
                dev.healthcheck.kit.events.Topic.DELIVERY.address(), deliveryTopic);
        try (JMSContext context = connectionFactory.createContext()) {
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (OutboxMessage message : batch) {
                // the producer keeps properties from one send to the next: one event's trace must not go with another's
                producer.clearProperties();
                message.trace().forEach(producer::setProperty);
                producer.setProperty(DUPLICATE_ID, message.eventId())
                        .setProperty(GROUP_ID, message.messageGroup())
                        .setProperty(IncomingEvents.EVENT_TYPE, message.eventType())
                        .setProperty(IncomingEvents.EVENT_ID, message.eventId())
                        .setProperty(IncomingEvents.EVENT_VERSION, message.eventVersion())
                        .send(topics.get(message.topicAddress()), message.payload());
            }
        }
    }
}
