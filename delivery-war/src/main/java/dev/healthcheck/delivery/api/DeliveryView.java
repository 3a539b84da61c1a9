package dev.healthcheck.delivery.api;

import dev.healthcheck.delivery.domain.Delivery;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The mail-out of one reservation.")
public record DeliveryView(
        @Schema(description = "The reservation it belongs to") long reservationId,
        @Schema(description = "The schedule booked") long scheduleId,
        @Schema(description = "The customer") String customerId,
        @Schema(description = "PREPARING, SHIPPED, DELIVERED or CANCELLED") String status,
        @Schema(description = "Where it goes, if known") String postalAddress,
        @Schema(description = "When its status last changed") Instant updatedAt) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.reservationId(), d.scheduleId(), d.customerId(), d.status().name(),
                d.postalAddress(), d.updatedAt());
    }
}
