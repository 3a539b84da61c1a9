package dev.healthcheck.reservation.application;

import dev.healthcheck.reservation.domain.Reservation;
import dev.healthcheck.reservation.domain.ReservationConflictException;
import dev.healthcheck.reservation.domain.ReservationIds;
import dev.healthcheck.reservation.domain.ReservationNotFoundException;
import dev.healthcheck.reservation.domain.SeatConfirmation;
import dev.healthcheck.reservation.domain.Seats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Booking and cancelling. Seats are taken from schedule first, outside any local transaction, and the
 * reservation is recorded only once they are; the seat request is keyed by the reservation id, so
 * repeating a booking never takes seats twice.
 */
@ApplicationScoped
public class BookingService {

    private static final Logger LOG = Logger.getLogger(BookingService.class.getName());

    @Inject
    Seats seats;

    @Inject
    ReservationLedger ledger;

    public Booking book(Caller caller, Long requestedId, long scheduleId, int reservationCount) {
        long reservationId = requestedId != null ? requestedId : ReservationIds.assign();
        var existing = ledger.find(reservationId);
        if (existing.isPresent()) {
            return repeated(existing.get(), caller, scheduleId, reservationCount);
        }
        SeatConfirmation taken = seats.take(scheduleId, reservationId, reservationCount);
        Reservation reservation = new Reservation(reservationId, caller.name(), scheduleId, reservationCount,
                taken.date(), taken.programme(), taken.location());
        try {
            ledger.record(reservation);
            return new Booking(reservation, true);
        } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
            var raced = ledger.find(reservationId);
            if (raced.isPresent()) {
                // The same id was booked concurrently; the hold is shared, so nothing leaked.
                return repeated(raced.get(), caller, scheduleId, reservationCount);
            }
            releaseAfterFailure(scheduleId, reservationId, e);
            throw e;
        }
    }

    public Reservation find(Caller caller, long reservationId) {
        return ledger.find(reservationId).filter(caller::maySee)
                .orElseThrow(() -> new ReservationNotFoundException(reservationId));
    }

    public List<Reservation> list(Caller caller, int page, int size) {
        return ledger.list(caller.isAdmin() ? null : caller.name(), page, size);
    }

    public Reservation cancel(Caller caller, long reservationId) {
        find(caller, reservationId);
        return ledger.cancel(reservationId).orElseThrow(() -> new ReservationNotFoundException(reservationId));
    }

    private Booking repeated(Reservation existing, Caller caller, long scheduleId, int reservationCount) {
        if (!existing.isSameBooking(caller.name(), scheduleId, reservationCount)) {
            throw new ReservationConflictException(existing.reservationId());
        }
        return new Booking(existing, false);
    }

    private void releaseAfterFailure(long scheduleId, long reservationId, RuntimeException cause) {
        LOG.log(Level.WARNING, "reservation " + reservationId + " could not be recorded; giving its seats back", cause);
        try {
            seats.release(scheduleId, reservationId);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "seats of unrecorded reservation " + reservationId + " on schedule " + scheduleId
                    + " could not be given back", e);
        }
    }

    /** The reservation, and whether this request created it (false: an earlier identical request did). */
    public record Booking(Reservation reservation, boolean created) {
    }

    /** Who is asking: customers see and change only their own reservations. */
    public record Caller(String name, boolean isAdmin) {

        boolean maySee(Reservation reservation) {
            return isAdmin || reservation.belongsTo(name);
        }
    }
}
