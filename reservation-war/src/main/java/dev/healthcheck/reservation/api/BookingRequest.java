package dev.healthcheck.reservation.api;

import dev.healthcheck.reservation.domain.ReservationIds;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * A booking, in the original system's field names. reservationId is optional (the server assigns
 * one); the customer is always the caller, never a field.
 */
public record BookingRequest(
        @Positive @Max(ReservationIds.MAX_CLIENT_CHOSEN) Long reservationId,
        @NotNull @Positive @Max(999_999_999_999L) Long scheduleId,
        @NotNull @Positive @Max(1_000) Integer reservationCount) {
}
