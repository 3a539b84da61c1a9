package dev.healthcheck.schedule.domain;

public class ScheduleNotFoundException extends RuntimeException {
    public ScheduleNotFoundException(long scheduleId) {
        super("scheduleId " + scheduleId + " does not exist");
    }
}
