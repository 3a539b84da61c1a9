package dev.healthcheck.kit.events;

import java.time.Instant;
import java.util.UUID;

/** The mail-out of questionnaire and guidance letter is being prepared. Raised by delivery. */
public record DeliveryStarted(UUID eventId, Instant occurredAt, long reservationId, long scheduleId,
                              String customerId, String status) implements SagaEvent, BookingEvent {
}
