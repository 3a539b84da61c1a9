package dev.healthcheck.reservation.api;

import dev.healthcheck.reservation.domain.Reservation;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A reservation as its customer sees it.")
public record ReservationView(
        @Schema(description = "The reservation id") long reservationId,
        @Schema(description = "The schedule booked") long scheduleId,
        @Schema(description = "Seats booked") int reservationCount,
        @Schema(description = "RESERVED or CANCELLED") String status,
        @Schema(description = "The customer (the user who booked)") String customerId,
        @Schema(description = "When it was booked") Instant reservedAt,
        @Schema(description = "When it was cancelled, if it was") Instant cancelledAt,
        @Schema(description = "The checkup date, if known") LocalDate date,
        @Schema(description = "The programme, if known") String programme,
        @Schema(description = "Where, if known") String location) {

    static ReservationView of(Reservation r) {
        return new ReservationView(r.reservationId(), r.scheduleId(), r.reservationCount(), r.status().name(),
                r.customerId(), r.reservedAt(), r.cancelledAt(), r.scheduleDate(), r.programme(), r.location());
    }
}
