package dev.healthcheck.reservation.domain;

/** A reservationId already used for a different booking. */
public class ReservationConflictException extends RuntimeException {
    public ReservationConflictException(long reservationId) {
        super("reservationId " + reservationId + " is already used for a different booking");
    }
}
