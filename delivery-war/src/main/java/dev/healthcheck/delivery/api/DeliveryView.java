package dev.healthcheck.delivery.api;

import dev.healthcheck.delivery.domain.Delivery;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A mail-out as its customer, an administrator or the mail room sees it. trackingReference, shippedAt and
 * deliveredAt are null until the mail room records them.
 */
public record DeliveryView(long reservationId, long scheduleId, String customerId,
                           @Schema(enumeration = {"PREPARING", "SHIPPED", "DELIVERED", "CANCELLED"}) String status,
                           String postalAddress, String trackingReference, Instant shippedAt, Instant deliveredAt,
                           @Schema(description = "the reservation was cancelled after the letter had left; "
                                   + "the letter keeps its status")
                           boolean cancelledAfterShipping,
                           Instant updatedAt) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.reservationId(), d.scheduleId(), d.customerId(), d.status().name(),
                d.postalAddress(), d.trackingReference(), d.shippedAt(), d.deliveredAt(), d.cancelledAfterShipping(),
                d.updatedAt());
    }
}
