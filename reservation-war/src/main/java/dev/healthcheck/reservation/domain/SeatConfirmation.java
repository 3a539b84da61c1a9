package dev.healthcheck.reservation.domain;

import java.time.LocalDate;

/** schedule's answer when seats were taken: what the reservation keeps of its schedule. */
public record SeatConfirmation(long scheduleId, int count, int availableCount, LocalDate date, String programme,
                               String location) {
}
