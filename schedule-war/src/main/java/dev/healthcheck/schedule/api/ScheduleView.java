package dev.healthcheck.schedule.api;

import dev.healthcheck.schedule.domain.Schedule;
import java.time.LocalDate;

public record ScheduleView(long scheduleId, int capacity, int availableCount, LocalDate date, String programme,
                           String location) {

    static ScheduleView of(Schedule s) {
        return new ScheduleView(s.scheduleId(), s.capacity(), s.availableCount(), s.checkupDate(), s.programme(),
                s.location());
    }
}
