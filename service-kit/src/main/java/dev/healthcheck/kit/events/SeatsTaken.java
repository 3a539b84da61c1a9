package dev.healthcheck.kit.events;

import java.time.Instant;
import java.util.UUID;

/** Seats of a schedule were taken for a reservation. Raised by schedule. */
public record SeatsTaken(UUID eventId, Instant occurredAt, long scheduleId, long reservationId,
                         int count, int availableCount) implements SagaEvent, BookingEvent {
}
