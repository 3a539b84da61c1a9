package dev.healthcheck.reservation.domain;

public class NotEnoughSeatsException extends BookingRefusedException {
    public NotEnoughSeatsException(String message) {
        super(message);
    }
}
