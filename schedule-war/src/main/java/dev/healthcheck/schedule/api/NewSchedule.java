package dev.healthcheck.schedule.api;

import dev.healthcheck.kit.problem.NoNulCharacter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an administrator sends to publish a schedule; field names are the original system's. */
@Schema(description = "A schedule to publish.")
public record NewSchedule(
        @Schema(description = "The schedule id, chosen by the centre", example = "1")
        @NotNull @Positive @Max(999_999_999_999L) Long scheduleId,
        @Schema(description = "Capacity: the seats it offers", example = "100")
        @NotNull @PositiveOrZero @Max(100_000) Integer availableCount,
        @Schema(description = "The checkup date (optional)", example = "2026-12-01") LocalDate date,
        @Schema(description = "The checkup programme (optional)", example = "standard checkup")
        @Size(max = 100) @NoNulCharacter String programme,
        @Schema(description = "Where the checkup takes place (optional)", example = "Tokyo centre")
        @Size(max = 200) @NoNulCharacter String location) {
}
