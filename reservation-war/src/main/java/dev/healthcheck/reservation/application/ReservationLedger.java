package dev.healthcheck.reservation.application;

import dev.healthcheck.kit.EventPublisher;
import dev.healthcheck.kit.events.BookingAbandoned;
import dev.healthcheck.kit.events.ReservationCancelled;
import dev.healthcheck.kit.events.Reserved;
import dev.healthcheck.reservation.domain.BookingInProgressException;
import dev.healthcheck.reservation.domain.Reservation;
import dev.healthcheck.reservation.domain.ReservationConflictException;
import dev.healthcheck.reservation.domain.ReservationIds;
import dev.healthcheck.reservation.domain.SeatConfirmation;
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

    /**
     * Records that an attempt to book is about to ask for seats: a new PENDING reservation, or a new
     * attempt of one that was rejected or abandoned. A reservation already booked is handed back as is.
     * An id another customer already has is treated as free: the booking gets an id of the server's
     * (README, Decisions: no enumeration through booking ids), which this customer's retries find again.
     *
     * @throws ReservationConflictException the caller already used the id for a different booking
     */
    public Start begin(String customerId, long reservationId, long scheduleId, int reservationCount) {
        Optional<Reservation> holder = reservations.find(reservationId);
        if (holder.isPresent() && !holder.get().belongsTo(customerId)) {
            Optional<Reservation> substitute = reservations.findRequested(customerId, reservationId);
            return substitute.isPresent()
                    ? resume(substitute.get(), reservationId, scheduleId, reservationCount)
                    : start(Reservation.insteadOf(reservationId, ReservationIds.assign(), customerId, scheduleId,
                            reservationCount));
        }
        return holder.isPresent()
                ? resume(holder.get(), reservationId, scheduleId, reservationCount)
                : start(new Reservation(reservationId, customerId, scheduleId, reservationCount));
    }

    private Start start(Reservation reservation) {
        reservations.add(reservation);
        return new Start(reservation, reservation.attempt());
    }

    private Start resume(Reservation reservation, long requestedId, long scheduleId, int reservationCount) {
        if (!reservation.isSameBooking(scheduleId, reservationCount)) {
            throw new ReservationConflictException(requestedId);
        }
        if (reservation.isBooked()) {
            return new Start(reservation, Start.ALREADY_BOOKED);
        }
        try {
            return new Start(reservation, reservation.tryAgain());
        } catch (BookingInProgressException inProgress) {
            // named as the caller named it: the server's id in its place would tell that theirs is in use
            throw new BookingInProgressException(requestedId);
        }
    }

    /** The seats are taken: the reservation is booked, and says so, unless its attempt was given up meanwhile. */
    public Optional<Reservation> confirm(long reservationId, int attempt, SeatConfirmation seats) {
        return reservations.find(reservationId)
                .filter(r -> r.confirm(attempt, seats.date(), seats.programme(), seats.location()))
                .map(r -> {
                    events.publish(new Reserved(UUID.randomUUID(), Instant.now(), r.reservationId(),
                            r.scheduleId(), r.customerId(), r.reservationCount(), r.scheduleDate(),
                            r.programme(), r.location()));
                    return r;
                });
    }

    /** schedule refused the seats: the attempt ends, nothing to give back. */
    public void reject(long reservationId, int attempt) {
        reservations.find(reservationId).ifPresent(r -> r.reject(attempt));
    }

    /**
     * The attempt got no answer in time: it ends, and schedule is told to give back whatever it took for
     * it and to refuse it if it is still on its way.
     */
    public void abandon(long reservationId, int attempt) {
        reservations.find(reservationId).filter(r -> r.abandon(attempt)).ifPresent(r -> events.publish(
                new BookingAbandoned(UUID.randomUUID(), Instant.now(), r.reservationId(), r.scheduleId(),
                        attempt)));
    }

    /** Attempts still PENDING that began before {@code before}: their request died with a crash. */
    public List<Reservation> pendingSince(Instant before, int max) {
        return reservations.pendingSince(before, max);
    }

    /** The reservations of these ids that exist, for another service's reconciliation. */
    public List<Reservation> findAll(List<Long> reservationIds) {
        return reservations.findAll(reservationIds);
    }

    public Optional<Reservation> find(long reservationId) {
        return reservations.find(reservationId);
    }

    public List<Reservation> list(String customerId, Long scheduleId, int page, int size) {
        return reservations.list(customerId, scheduleId, page, size);
    }

    /** Cancels once; the event that returns seats and stops the mail-out is raised only by that once. */
    public Optional<Reservation> cancel(long reservationId) {
        Optional<Reservation> found = reservations.find(reservationId);
        found.filter(Reservation::cancel).ifPresent(r -> events.publish(new ReservationCancelled(
                UUID.randomUUID(), Instant.now(), r.reservationId(), r.scheduleId(), r.customerId(),
                r.reservationCount())));
        return found;
    }

    /** The reservation as the attempt found it, and that attempt's number ({@link #ALREADY_BOOKED} when none is needed). */
    public record Start(Reservation reservation, int attempt) {

        public static final int ALREADY_BOOKED = 0;

        public boolean alreadyBooked() {
            return attempt == ALREADY_BOOKED;
        }
    }
}
