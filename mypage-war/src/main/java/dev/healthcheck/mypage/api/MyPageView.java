package dev.healthcheck.mypage.api;

import dev.healthcheck.mypage.domain.MyPageRow;
import java.time.Instant;
import java.time.LocalDate;

public record MyPageView(long reservationId, String customerId, long scheduleId, int reservationCount,
                         String reservationStatus, String deliveryStatus, LocalDate date, String programme,
                         String location, Instant updatedAt) {

    static MyPageView of(MyPageRow r) {
        return new MyPageView(r.reservationId(), r.customerId(), r.scheduleId(), r.reservationCount(),
                r.reservationStatus(), r.deliveryStatus(), r.scheduleDate(), r.programme(), r.location(),
                r.updatedAt());
    }
}
