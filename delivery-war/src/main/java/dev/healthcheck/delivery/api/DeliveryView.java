package dev.healthcheck.delivery.api;

import dev.healthcheck.delivery.domain.Delivery;
import java.time.Instant;

public record DeliveryView(long reservationId, long scheduleId, String customerId, String status,
                           String postalAddress, Instant updatedAt) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.reservationId(), d.scheduleId(), d.customerId(), d.status().name(),
                d.postalAddress(), d.updatedAt());
    }
}
