package dev.healthcheck.schedule.application;

import dev.healthcheck.kit.reconciliation.BookingReconciler;
import dev.healthcheck.kit.reconciliation.BookingState;
import dev.healthcheck.schedule.domain.SeatHold;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Gives back seats held for bookings that reservation does not hold as RESERVED: the hold of a cancelled
 * booking whose ReservationCancelled was lost or dead-lettered, of an attempt abandoned without its
 * BookingAbandoned, or of a reservation id reservation never recorded. A hold is considered only once it
 * and its booking's status are older than the grace period; a RESERVED or still PENDING booking's hold
 * is never touched (PendingBookings ends a stuck attempt, and its event fences it).
 */
@ApplicationScoped
public class SeatHoldReconciliation extends BookingReconciler<SeatHold> {

    @Inject
    ScheduleService schedules;

    @Override
    public String what() {
        return "seat-hold";
    }

    @Override
    protected List<SeatHold> page(Instant cutoff, long afterReservationId, int max) {
        return schedules.heldSince(cutoff, afterReservationId, max);
    }

    @Override
    protected long reservationIdOf(SeatHold hold) {
        return hold.reservationId();
    }

    @Override
    protected Optional<String> repair(SeatHold hold, BookingState booking, Instant cutoff) {
        if (!isOrphaned(booking, cutoff)
                || !schedules.reclaim(hold.scheduleId(), hold.reservationId(), hold.attempt(), cutoff)) {
            return Optional.empty();
        }
        return Optional.of(hold.count() + " seats of schedule " + hold.scheduleId() + " held for reservation "
                + hold.reservationId() + " given back; reservation " + (booking == null
                ? "never recorded it" : "has it " + booking.status() + " since " + booking.since()));
    }

    /** Unknown to reservation, or settled in a status other than RESERVED or PENDING past the grace period. */
    private static boolean isOrphaned(BookingState booking, Instant cutoff) {
        return booking == null || !BookingState.RESERVED.equals(booking.status())
                && !BookingState.PENDING.equals(booking.status()) && settledBefore(booking, cutoff);
    }
}
