package dev.healthcheck.reservation.application;

import dev.healthcheck.kit.EventPublisher;
import dev.healthcheck.kit.events.ReservationCancelled;
import dev.healthcheck.kit.events.Reserved;
import dev.healthcheck.reservation.domain.Reservation;
import dev.healthcheck.reservation.infrastructure.jpa.ReservationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The transactions of reservation: each state change commits together with the event it raises. */
@ApplicationScoped
@Transactional
public class ReservationLedger {

    @Inject
    ReservationRepository reservations;

    @Inject
    EventPublisher events;

    public void record(Reservation reservation) {
        reservations.add(reservation);
        events.publish(new Reserved(UUID.randomUUID(), Instant.now(), reservation.reservationId(),
                reservation.scheduleId(), reservation.customerId(), reservation.reservationCount(),
                reservation.scheduleDate(), reservation.programme(), reservation.location()));
    }

    public Optional<Reservation> find(long reservationId) {
        return reservations.find(reservationId);
    }

    public List<Reservation> list(String customerId, int page, int size) {
        return reservations.list(customerId, page, size);
    }

    /** Cancels once; the event that returns seats and stops the mail-out is raised only by that once. */
    public Optional<Reservation> cancel(long reservationId) {
        Optional<Reservation> found = reservations.find(reservationId);
        found.filter(Reservation::cancel).ifPresent(r -> events.publish(new ReservationCancelled(
                UUID.randomUUID(), Instant.now(), r.reservationId(), r.scheduleId(), r.customerId(),
                r.reservationCount())));
        return found;
    }
}
