package dev.healthcheck.reservation.domain;

public class UnknownScheduleException extends BookingRefusedException {
    public UnknownScheduleException(long scheduleId) {
        super("scheduleId " + scheduleId + " does not exist");
    }
}
