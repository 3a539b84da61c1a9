package dev.healthcheck.kit.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A checkup centre published a schedule. Raised by schedule. */
public record ScheduleRegistered(UUID eventId, Instant occurredAt, long scheduleId, int availableCount,
                                 LocalDate date, String programme, String location) implements SagaEvent {
}
