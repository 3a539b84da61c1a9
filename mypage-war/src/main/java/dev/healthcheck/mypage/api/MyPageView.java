package dev.healthcheck.mypage.api;

import dev.healthcheck.mypage.domain.MyPageRow;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of MyPage: booking, schedule and mail-out. */
@Schema(description = "One booking with its schedule and mail-out, as far as the events received so far tell.")
public record MyPageView(
        @Schema(description = "the reservation", example = "1") long reservationId,
        @Schema(description = "the customer", example = "alice") String customerId,
        @Schema(description = "the schedule", example = "1") long scheduleId,
        @Schema(description = "seats booked; 0 until the booking itself has been seen", example = "10")
        int reservationCount,
        @Schema(enumeration = {"RESERVED", "CANCELLED"}, description = "null until the booking has been seen")
        String reservationStatus,
        @Schema(enumeration = {"PREPARING", "SHIPPED", "DELIVERED", "CANCELLED"},
                description = "the questionnaire and guidance letter; null until the mail-out has been seen")
        String deliveryStatus,
        @Schema(description = "the postal service's reference; null until shipped", example = "RR123456785JP")
        String trackingReference,
        @Schema(description = "when the letter left; null until then") Instant shippedAt,
        @Schema(description = "when the letter arrived; null until then") Instant deliveredAt,
        @Schema(description = "the booking was cancelled after its letter had left; the letter keeps its status")
        boolean cancelledAfterShipping,
        @Schema(description = "the schedule's date") LocalDate date,
        @Schema(description = "the schedule's checkup programme") String programme,
        @Schema(description = "the schedule's location") String location,
        @Schema(description = "the last change") Instant updatedAt) {

    static MyPageView of(MyPageRow r) {
        return new MyPageView(r.reservationId(), r.customerId(), r.scheduleId(), r.reservationCount(),
                r.reservationStatus(), r.deliveryStatus(), r.trackingReference(), r.shippedAt(), r.deliveredAt(),
                r.cancelledAfterShipping(), r.scheduleDate(), r.programme(), r.location(), r.updatedAt());
    }
}
