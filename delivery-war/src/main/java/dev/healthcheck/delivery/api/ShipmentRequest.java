package dev.healthcheck.delivery.api;

import dev.healthcheck.delivery.domain.Delivery;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the mail room knows when a letter leaves: the postal service's tracking reference. */
public record ShipmentRequest(
        @Schema(description = "the postal service's tracking reference: letters, digits and dashes",
                example = "RR123456785JP", maxLength = Delivery.TRACKING_REFERENCE_MAX)
        @NotNull @Size(min = 1, max = Delivery.TRACKING_REFERENCE_MAX)
        @Pattern(regexp = "[A-Za-z0-9-]*", message = "must be letters, digits and dashes")
        String trackingReference) {
}
