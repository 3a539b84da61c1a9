package dev.healthcheck.mypage.api;

import dev.healthcheck.mypage.domain.MyPageRow;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One booking with its schedule and mail-out, as far as the events received so far tell.")
public record MyPageView(
        @Schema(description = "The reservation") long reservationId,
        @Schema(description = "The customer") String customerId,
        @Schema(description = "The schedule") long scheduleId,
        @Schema(description = "Seats booked") int reservationCount,
        @Schema(description = "RESERVED or CANCELLED") String reservationStatus,
        @Schema(description = "PREPARING, SHIPPED, DELIVERED or CANCELLED; absent before the mail-out") String deliveryStatus,
        @Schema(description = "The checkup date, if known") LocalDate date,
        @Schema(description = "The programme, if known") String programme,
        @Schema(description = "Where, if known") String location,
        @Schema(description = "When the row last changed") Instant updatedAt) {

    static MyPageView of(MyPageRow r) {
        return new MyPageView(r.reservationId(), r.customerId(), r.scheduleId(), r.reservationCount(),
                r.reservationStatus(), r.deliveryStatus(), r.scheduleDate(), r.programme(), r.location(),
                r.updatedAt());
    }
}
