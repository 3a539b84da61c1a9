package dev.healthcheck.kit.events;

import java.time.Instant;
import java.util.UUID;

/**
 * reservation gave up on one attempt to book (schedule did not answer in time, or reservation crashed
 * mid-booking): whatever seats that attempt may have taken go back, and schedule refuses that attempt
 * from now on. A later attempt for the same reservationId is not affected. Raised by reservation.
 */
public record BookingAbandoned(UUID eventId, Instant occurredAt, long reservationId, long scheduleId,
                               int attempt) implements SagaEvent, BookingEvent {
}
