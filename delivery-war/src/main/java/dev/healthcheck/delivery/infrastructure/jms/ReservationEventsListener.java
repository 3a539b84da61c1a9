package dev.healthcheck.delivery.infrastructure.jms;

import dev.healthcheck.delivery.application.DeliveryService;
import dev.healthcheck.kit.events.ReservationCancelled;
import dev.healthcheck.kit.events.Reserved;
import dev.healthcheck.kit.inbox.FailedDeliveries;
import dev.healthcheck.kit.inbox.IncomingEvents;
import dev.healthcheck.kit.tracing.ConsumerSpans;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Bookings and cancellations, from delivery's durable subscription. The work runs in the service's own
 * local transaction; a failure is redelivered, then dead-lettered.
 */
@MessageDriven(name = "ReservationEventsListener")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@Interceptors({ConsumerSpans.class, FailedDeliveries.class})
public class ReservationEventsListener implements MessageListener {

    @Inject
    DeliveryService deliveries;

    @Override
    public void onMessage(Message message) {
        var event = IncomingEvents.read(message);
        if (event instanceof Reserved reserved) {
            deliveries.startFor(reserved);
        } else if (event instanceof ReservationCancelled cancelled) {
            deliveries.cancelFor(cancelled);
        }
    }
}
