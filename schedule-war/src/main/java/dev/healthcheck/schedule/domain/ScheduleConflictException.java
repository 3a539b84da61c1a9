package dev.healthcheck.schedule.domain;

/** A request that contradicts what is already recorded (a taken scheduleId, a different hold). */
public class ScheduleConflictException extends RuntimeException {
    public ScheduleConflictException(String message) {
        super(message);
    }
}
