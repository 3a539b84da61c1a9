package dev.healthcheck.schedule.api;

import dev.healthcheck.schedule.domain.Schedule;
import dev.healthcheck.schedule.domain.SeatHold;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A hold and what the booking needs to know of its schedule. */
@Schema(description = "The seats a reservation holds, and what the booking needs to know of the schedule.")
public record SeatHoldView(
        @Schema(description = "The reservation") long reservationId,
        @Schema(description = "The schedule") long scheduleId,
        @Schema(description = "Seats held") int count,
        @Schema(description = "HELD, or RELEASED once given back") String status,
        @Schema(description = "Seats the schedule still has") int availableCount,
        @Schema(description = "The checkup date, if known") LocalDate date,
        @Schema(description = "The programme, if known") String programme,
        @Schema(description = "Where, if known") String location) {

    static SeatHoldView of(SeatHold hold, Schedule schedule) {
        return new SeatHoldView(hold.reservationId(), hold.scheduleId(), hold.count(), hold.status().name(),
                schedule.availableCount(), schedule.checkupDate(), schedule.programme(), schedule.location());
    }
}
