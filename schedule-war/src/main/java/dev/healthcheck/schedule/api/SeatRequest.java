package dev.healthcheck.schedule.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Seats asked for by one attempt to book a reservation. reservation numbers its attempts; once it gives
 * up on one, requests of that attempt are refused, so a request that arrives late takes nothing.
 */
@Schema(description = "Seats asked for by one attempt to book a reservation.")
public record SeatRequest(
        @Schema(description = "Seats to hold", example = "10")
        @NotNull @Positive @Max(1_000) Integer count,
        @Schema(description = "The booking attempt, numbered by reservation from 1", example = "1")
        @NotNull @Positive @Max(1_000) Integer attempt) {
}
