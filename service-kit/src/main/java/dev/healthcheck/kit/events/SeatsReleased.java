package dev.healthcheck.kit.events;

import java.time.Instant;
import java.util.UUID;

/** Seats taken for a reservation went back to the schedule. Raised by schedule. */
public record SeatsReleased(UUID eventId, Instant occurredAt, long scheduleId, long reservationId,
                            int count, int availableCount) implements SagaEvent, BookingEvent {
}
