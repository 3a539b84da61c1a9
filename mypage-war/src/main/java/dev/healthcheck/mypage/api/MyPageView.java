package dev.healthcheck.mypage.api;

import dev.healthcheck.mypage.domain.MyPageRow;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of MyPage. trackingReference, shippedAt and deliveredAt are null until the letter leaves and arrives. */
public record MyPageView(long reservationId, String customerId, long scheduleId, int reservationCount,
                         String reservationStatus,
                         @Schema(enumeration = {"PREPARING", "SHIPPED", "DELIVERED", "CANCELLED"}) String deliveryStatus,
                         String trackingReference, Instant shippedAt, Instant deliveredAt,
                         @Schema(description = "the booking was cancelled after its letter had left; the letter "
                                 + "keeps its status")
                         boolean cancelledAfterShipping,
                         LocalDate date, String programme, String location, Instant updatedAt) {

    static MyPageView of(MyPageRow r) {
        return new MyPageView(r.reservationId(), r.customerId(), r.scheduleId(), r.reservationCount(),
                r.reservationStatus(), r.deliveryStatus(), r.trackingReference(), r.shippedAt(), r.deliveredAt(),
                r.cancelledAfterShipping(), r.scheduleDate(), r.programme(), r.location(), r.updatedAt());
    }
}
