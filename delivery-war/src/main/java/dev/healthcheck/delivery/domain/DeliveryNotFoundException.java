package dev.healthcheck.delivery.domain;

public class DeliveryNotFoundException extends RuntimeException {
    public DeliveryNotFoundException(long reservationId) {
        super("no delivery for reservationId " + reservationId);
    }
}
