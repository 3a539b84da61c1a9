package dev.healthcheck.schedule.api;

import dev.healthcheck.schedule.domain.Schedule;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A schedule and its seats still available.")
public record ScheduleView(
        @Schema(description = "The schedule id") long scheduleId,
        @Schema(description = "Seats it offers in all") int capacity,
        @Schema(description = "Seats still available") int availableCount,
        @Schema(description = "The checkup date, if known") LocalDate date,
        @Schema(description = "The checkup programme, if known") String programme,
        @Schema(description = "Where, if known") String location) {

    static ScheduleView of(Schedule s) {
        return new ScheduleView(s.scheduleId(), s.capacity(), s.availableCount(), s.checkupDate(), s.programme(),
                s.location());
    }
}
