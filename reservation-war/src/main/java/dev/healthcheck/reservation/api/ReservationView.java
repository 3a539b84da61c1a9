package dev.healthcheck.reservation.api;

import dev.healthcheck.reservation.domain.Reservation;
import java.time.Instant;
import java.time.LocalDate;

public record ReservationView(long reservationId, long scheduleId, int reservationCount, String status,
                              String customerId, Instant reservedAt, Instant cancelledAt,
                              LocalDate date, String programme, String location) {

    static ReservationView of(Reservation r) {
        return new ReservationView(r.reservationId(), r.scheduleId(), r.reservationCount(), r.status().name(),
                r.customerId(), r.reservedAt(), r.cancelledAt(), r.scheduleDate(), r.programme(), r.location());
    }
}
