package dev.healthcheck.schedule.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** What an administrator sends to publish a schedule; field names are the original system's. */
public record NewSchedule(
        @NotNull @Positive @Max(999_999_999_999L) Long scheduleId,
        @NotNull @PositiveOrZero @Max(100_000) Integer availableCount,
        LocalDate date,
        @Size(max = 100) String programme,
        @Size(max = 200) String location) {
}
