package dev.healthcheck.kit.events;

import java.time.Instant;
import java.util.UUID;

/** The letter arrived at the customer's address, as the mail room recorded it. Raised by delivery. */
public record DeliveryDelivered(UUID eventId, Instant occurredAt, long reservationId, long scheduleId,
                                String customerId, Instant deliveredAt) implements SagaEvent, BookingEvent {
}
