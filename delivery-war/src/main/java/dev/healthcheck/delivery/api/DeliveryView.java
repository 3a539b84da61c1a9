package dev.healthcheck.delivery.api;

import dev.healthcheck.delivery.domain.Delivery;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A mail-out as its customer, an administrator or the mail room sees it. */
@Schema(description = "The mail-out of one reservation.")
public record DeliveryView(
        @Schema(description = "the reservation this mail-out belongs to (one each)", example = "1") long reservationId,
        @Schema(description = "the reservation's schedule", example = "1") long scheduleId,
        @Schema(description = "the customer who booked", example = "alice") String customerId,
        @Schema(description = "where the letter is", enumeration = {"PREPARING", "SHIPPED", "DELIVERED", "CANCELLED"}) String status,
        @Schema(description = "where the letter goes; null until the customer gives one") String postalAddress,
        @Schema(description = "the postal service's reference; null until shipped", example = "RR123456785JP")
        String trackingReference,
        @Schema(description = "when the mail room recorded the shipment; null until then") Instant shippedAt,
        @Schema(description = "when the mail room recorded the arrival; null until then") Instant deliveredAt,
        @Schema(description = "the reservation was cancelled after the letter had left; the letter keeps its status")
        boolean cancelledAfterShipping,
        @Schema(description = "the last change") Instant updatedAt) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.reservationId(), d.scheduleId(), d.customerId(), d.status().name(),
                d.postalAddress(), d.trackingReference(), d.shippedAt(), d.deliveredAt(), d.cancelledAfterShipping(),
                d.updatedAt());
    }
}
