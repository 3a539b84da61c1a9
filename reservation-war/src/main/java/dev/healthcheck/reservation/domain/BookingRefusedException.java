package dev.healthcheck.reservation.domain;

/** schedule said no for a reason of the booking itself: retrying the same request will not help. */
public abstract class BookingRefusedException extends RuntimeException {
    protected BookingRefusedException(String message) {
        super(message);
    }
}
