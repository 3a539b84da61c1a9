package dev.healthcheck.reservation.domain;

/** schedule is slow, down or shedding load: nothing was booked, try again after {@code retryAfterSeconds}. */
public class ScheduleUnavailableException extends RuntimeException {

    private final long retryAfterSeconds;

    public ScheduleUnavailableException(String message, long retryAfterSeconds) {
        this(message, retryAfterSeconds, null);
    }

    /** With the failure behind it (timeout, open breaker, full bulkhead, connection refused), for the log. */
    public ScheduleUnavailableException(String message, long retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
