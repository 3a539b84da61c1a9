package dev.healthcheck.schedule.domain;

/** A request for more seats than the schedule has left. */
public class NotEnoughSeatsException extends RuntimeException {
    public NotEnoughSeatsException(long scheduleId, int requested, int available) {
        super("reservationCount " + requested + " exceeds the " + available + " seats left on schedule " + scheduleId);
    }
}
