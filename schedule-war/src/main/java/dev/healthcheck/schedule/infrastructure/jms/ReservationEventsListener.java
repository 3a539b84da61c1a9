package dev.healthcheck.schedule.infrastructure.jms;

import dev.healthcheck.kit.inbox.FailedDeliveries;
import dev.healthcheck.kit.inbox.IncomingEvents;
import dev.healthcheck.kit.tracing.ConsumerSpans;
import dev.healthcheck.schedule.application.ScheduleService;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Cancelled reservations and abandoned booking attempts, from schedule's durable subscription
 * (server.xml selects only those): both give seats back.
 * The work runs in the service's own local transaction; a failure is redelivered, then dead-lettered.
 */
@MessageDriven(name = "ReservationEventsListener")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@Interceptors({ConsumerSpans.class, FailedDeliveries.class})
public class ReservationEventsListener implements MessageListener {

    @Inject
    ScheduleService schedules;

    @Override
    public void onMessage(Message message) {
        schedules.apply(IncomingEvents.read(message));
    }
}
