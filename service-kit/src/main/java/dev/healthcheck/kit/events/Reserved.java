package dev.healthcheck.kit.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A customer booked seats of a schedule. Raised by reservation once the seats are taken.
 * Carries what MyPage shows of the schedule, so the view needs no other source.
 */
public record Reserved(UUID eventId, Instant occurredAt, long reservationId, long scheduleId,
                       String customerId, int reservationCount,
                       LocalDate scheduleDate, String programme, String location) implements SagaEvent, BookingEvent {
}
