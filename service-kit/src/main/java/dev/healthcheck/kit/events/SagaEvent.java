package dev.healthcheck.kit.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event of the booking saga. Every event names itself once (its id, for de-duplication),
 * says when it happened, and carries the schedule it concerns; all but ScheduleRegistered also
 * carry the reservation.
 */
public sealed interface SagaEvent
        permits ScheduleRegistered, SeatsTaken, SeatsReleased, Reserved, ReservationCancelled, BookingAbandoned,
                DeliveryStarted, DeliveryCancelled, DeliveryShipped, DeliveryDelivered {

    UUID eventId();

    Instant occurredAt();

    long scheduleId();

    /** The topic this event is published on: the one owned by the service that raises it. */
    default Topic topic() {
        return Topic.of(this);
    }

    /**
     * What the event is about, so that the events about one thing are applied one at a time and in order:
     * its booking, or for a schedule's registration, the schedule.
     */
    default String subject() {
        return this instanceof BookingEvent booking ? "booking-" + booking.reservationId() : "schedule-" + scheduleId();
    }

    /** Wire name of the event type, carried in the JMS property {@code eventType}. */
    default String type() {
        return getClass().getSimpleName();
    }
}
