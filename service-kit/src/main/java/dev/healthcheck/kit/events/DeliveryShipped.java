package dev.healthcheck.kit.events;

import java.time.Instant;
import java.util.UUID;

/** The mail room handed the letter to the post, with the post's tracking reference. Raised by delivery. */
public record DeliveryShipped(UUID eventId, Instant occurredAt, long reservationId, long scheduleId,
                              String customerId, String trackingReference, Instant shippedAt) implements SagaEvent, BookingEvent {
}
