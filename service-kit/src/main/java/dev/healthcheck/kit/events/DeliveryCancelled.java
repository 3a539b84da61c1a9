package dev.healthcheck.kit.events;

import java.time.Instant;
import java.util.UUID;

/** The mail-out of a cancelled reservation was cancelled. Raised by delivery. */
public record DeliveryCancelled(UUID eventId, Instant occurredAt, long reservationId, long scheduleId,
                                String customerId, String status) implements SagaEvent, BookingEvent {
}
