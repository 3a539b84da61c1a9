package dev.healthcheck.schedule.api;

import dev.healthcheck.schedule.domain.Schedule;
import dev.healthcheck.schedule.domain.SeatHold;
import java.time.LocalDate;

/** A hold and what the booking needs to know of its schedule. */
public record SeatHoldView(long reservationId, long scheduleId, int count, String status, int availableCount,
                           LocalDate date, String programme, String location) {

    static SeatHoldView of(SeatHold hold, Schedule schedule) {
        return new SeatHoldView(hold.reservationId(), hold.scheduleId(), hold.count(), hold.status().name(),
                schedule.availableCount(), schedule.checkupDate(), schedule.programme(), schedule.location());
    }
}
