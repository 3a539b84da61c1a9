package dev.healthcheck.reservation.application;

import dev.healthcheck.reservation.application.ReservationLedger.Start;
import dev.healthcheck.reservation.domain.BookingRefusedException;
import dev.healthcheck.reservation.domain.Reservation;
import dev.healthcheck.reservation.domain.ReservationIds;
import dev.healthcheck.reservation.domain.ReservationNotFoundException;
import dev.healthcheck.reservation.domain.ScheduleUnavailableException;
import dev.healthcheck.reservation.domain.SeatConfirmation;
import dev.healthcheck.reservation.domain.Seats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Booking and cancelling. A booking is three short steps, never one transaction held open across the
 * call to schedule: record the attempt (PENDING), take the seats from schedule (keyed by reservation and
 * attempt, so repeating it takes nothing twice), then confirm (RESERVED, with its event). An attempt that
 * fails in between is rejected or abandoned; an abandoned one tells schedule to give its seats back.
 */
@ApplicationScoped
public class BookingService {

    private static final Logger LOG = Logger.getLogger(BookingService.class.getName());

    @Inject
    Seats seats;

    @Inject
    ReservationLedger ledger;

    @Inject
    @ConfigProperty(name = "booking.retry-after-seconds", defaultValue = "5")
    long retryAfterSeconds;

    public Booking book(Caller caller, Long requestedId, long scheduleId, int reservationCount) {
        Start start = begin(caller, requestedId != null ? requestedId : ReservationIds.assign(), scheduleId,
                reservationCount);
        if (start.alreadyBooked()) {
            return new Booking(start.reservation(), false);
        }
        // the id asked for, or the server's when another customer has that one
        long reservationId = start.reservation().reservationId();
        int attempt = start.attempt();
        SeatConfirmation taken;
        try {
            taken = seats.take(scheduleId, reservationId, reservationCount, attempt);
        } catch (BookingRefusedException refused) {
            ledger.reject(reservationId, attempt);
            throw refused;
        } catch (RuntimeException unanswered) {
            giveUp(reservationId, attempt, unanswered);
            throw unanswered;
        }
        try {
            return ledger.confirm(reservationId, attempt, taken)
                    .map(reservation -> new Booking(reservation, true))
                    .orElseThrow(() -> new ScheduleUnavailableException("the booking took too long and was given up;"
                            + " nothing was booked", retryAfterSeconds));
        } catch (PersistenceException | TransactionalException notRecorded) {
            giveUp(reservationId, attempt, notRecorded);
            throw notRecorded;
        }
    }

    public Reservation find(Caller caller, long reservationId) {
        return ledger.find(reservationId).filter(Reservation::isBooked).filter(caller::maySee)
                .orElseThrow(() -> new ReservationNotFoundException(reservationId));
    }

    public List<Reservation> list(Caller caller, Long scheduleId, int page, int size) {
        return ledger.list(caller.isAdmin() ? null : caller.name(), scheduleId, page, size);
    }

    /**
     * Retried when its transaction is rolled back under it, e.g. Derby choosing it as a deadlock's victim
     * (seen once in a rolling update, two pods on one database): cancelling again is harmless.
     */
    @Retry(maxRetries = 2, delay = 50, jitter = 25, retryOn = {PersistenceException.class, TransactionalException.class})
    public Reservation cancel(Caller caller, long reservationId) {
        find(caller, reservationId);
        return ledger.cancel(reservationId).orElseThrow(() -> new ReservationNotFoundException(reservationId));
    }

    /** Records the attempt; a concurrent request for the same id that won the race decides the answer. */
    private Start begin(Caller caller, long reservationId, long scheduleId, int reservationCount) {
        try {
            return ledger.begin(caller.name(), reservationId, scheduleId, reservationCount);
        } catch (PersistenceException | TransactionalException raced) {
            LOG.log(Level.FINE, "concurrent booking of reservation " + reservationId, raced);
            // Booked meanwhile: the same answer; still under way: BookingInProgressException.
            return ledger.begin(caller.name(), reservationId, scheduleId, reservationCount);
        }
    }

    /** The seats may or may not have been taken: abandon the attempt, which tells schedule to give them back. */
    private void giveUp(long reservationId, int attempt, RuntimeException cause) {
        LOG.log(Level.WARNING, "booking attempt " + attempt + " of reservation " + reservationId + " failed: " + cause
                + (cause.getCause() == null ? "" : " (" + cause.getCause() + ")"));
        try {
            ledger.abandon(reservationId, attempt);
        } catch (RuntimeException e) {
            // The attempt stays PENDING; PendingBookings abandons it once it is old enough.
            LOG.log(Level.SEVERE, "booking attempt " + attempt + " of reservation " + reservationId
                    + " could not be abandoned now; it will be later", e);
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
