package dev.healthcheck.kit.events;

import java.time.Instant;
import java.util.UUID;

/** A reservation was cancelled: its seats go back and its mail-out stops. Raised by reservation. */
public record ReservationCancelled(UUID eventId, Instant occurredAt, long reservationId, long scheduleId,
                                   String customerId, int reservationCount) implements SagaEvent, BookingEvent {
}
