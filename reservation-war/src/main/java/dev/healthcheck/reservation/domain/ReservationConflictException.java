package dev.healthcheck.reservation.domain;

/** A reservationId the same customer already used for a different booking (another's id is never refused). */
public class ReservationConflictException extends RuntimeException {
    public ReservationConflictException(long reservationId) {
        super("reservationId " + reservationId + " is already used for another of your bookings");
    }
}
