package dev.healthcheck.schedule.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Seats asked for by one attempt to book a reservation. reservation numbers its attempts; once it gives
 * up on one, requests of that attempt are refused, so a request that arrives late takes nothing.
 */
public record SeatRequest(@NotNull @Positive @Max(1_000) Integer count,
                          @NotNull @Positive @Max(1_000) Integer attempt) {
}
