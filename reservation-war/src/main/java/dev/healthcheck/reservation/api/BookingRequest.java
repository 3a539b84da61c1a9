package dev.healthcheck.reservation.api;

import dev.healthcheck.reservation.domain.ReservationIds;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A booking, in the original system's field names. reservationId is optional (the server assigns
 * one); the customer is always the caller, never a field.
 */
@Schema(description = "A booking; the customer is always the caller.")
public record BookingRequest(
        @Schema(description = "Optional id of your choosing, up to 999 999 999 999; the server assigns one "
                + "when absent", example = "1")
        @Positive @Max(ReservationIds.MAX_CLIENT_CHOSEN) Long reservationId,
        @Schema(description = "The schedule to book", example = "1")
        @NotNull @Positive @Max(999_999_999_999L) Long scheduleId,
        @Schema(description = "How many people (seats), 1 to 1000", example = "10")
        @NotNull @Positive @Max(1_000) Integer reservationCount) {
}
