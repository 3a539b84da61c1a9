package dev.healthcheck.schedule.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

public record SeatRequest(@NotNull @Positive @Max(1_000) Integer count) {
}
