package dev.healthcheck.reservation.domain;

/** The same reservationId is being booked by another request right now; its outcome is not known yet. */
public class BookingInProgressException extends RuntimeException {

    public BookingInProgressException(long reservationId) {
        super("reservationId " + reservationId + " is being booked by another request; repeat this request shortly"
                + " to see its outcome");
    }
}
