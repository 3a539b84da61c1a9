package dev.healthcheck.schedule.domain;

/** A new schedule whose scheduleId is already registered. */
public class ScheduleExistsException extends RuntimeException {
    public ScheduleExistsException(long scheduleId) {
        super("scheduleId " + scheduleId + " is already registered");
    }
}
