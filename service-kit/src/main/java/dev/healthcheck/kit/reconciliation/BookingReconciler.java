package dev.healthcheck.kit.reconciliation;

import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reconciler of records kept per reservation: it pages through them in reservation order, asks
 * reservation for their bookings a page at a time, and lets the service repair each one.
 *
 * @param <T> the service's record (a seat hold, a mail-out)
 */
public abstract class BookingReconciler<T> implements Reconciler {

    @Inject
    BookingStates bookings;

    /** Up to {@code max} records that may need repair, after {@code afterReservationId}, in reservation order. */
    protected abstract List<T> page(Instant cutoff, long afterReservationId, int max);

    protected abstract long reservationIdOf(T record);

    /**
     * Repairs the record if its booking calls for it; {@code booking} is null when reservation never
     * recorded the reservation.
     *
     * @return the repair, as the log should say it; empty when nothing was done
     */
    protected abstract Optional<String> repair(T record, BookingState booking, Instant cutoff);

    @Override
    public List<String> reconcile(Instant cutoff) {
        List<String> repairs = new ArrayList<>();
        long after = 0;
        List<T> page;
        do {
            page = page(cutoff, after, BookingStates.BATCH);
            Map<Long, BookingState> states = bookings.of(page.stream().map(this::reservationIdOf).toList());
            for (T record : page) {
                repair(record, states.get(reservationIdOf(record)), cutoff).ifPresent(repairs::add);
                after = reservationIdOf(record);
            }
        } while (page.size() == BookingStates.BATCH);
        return repairs;
    }

    /** Whether the booking has been in a status since before the cutoff, i.e. past the grace period. */
    protected static boolean settledBefore(BookingState booking, Instant cutoff) {
        return booking.since() != null && booking.since().isBefore(cutoff);
    }
}
