package dev.healthcheck.reservation.domain;

/** schedule is slow, down or shedding load: nothing was booked, try again after {@code retryAfterSeconds}. */
public class ScheduleUnavailableException extends RuntimeException {

    private final long retryAfterSeconds;

    public ScheduleUnavailableException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
