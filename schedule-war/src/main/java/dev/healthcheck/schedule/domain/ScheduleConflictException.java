package dev.healthcheck.schedule.domain;

/** A request that contradicts what is already recorded (a different hold, an abandoned attempt). */
public class ScheduleConflictException extends RuntimeException {
    public ScheduleConflictException(String message) {
        super(message);
    }
}
