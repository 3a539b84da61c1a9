package dev.healthcheck.reservation.domain;

/** Also what a customer hears about another customer's reservation: its existence is not theirs to know. */
public class ReservationNotFoundException extends RuntimeException {
    public ReservationNotFoundException(long reservationId) {
        super("reservationId " + reservationId + " does not exist");
    }
}
