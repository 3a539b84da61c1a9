package dev.healthcheck.delivery.application;

import dev.healthcheck.delivery.domain.Delivery;
import dev.healthcheck.kit.reconciliation.BookingReconciler;
import dev.healthcheck.kit.reconciliation.BookingState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Cancels mail-outs still PREPARING whose booking reservation has had CANCELLED for longer than the grace
 * period: their ReservationCancelled was lost or dead-lettered. Any other status leaves the mail-out alone.
 */
@ApplicationScoped
public class MailOutReconciliation extends BookingReconciler<Delivery> {

    @Inject
    DeliveryService deliveries;

    @Override
    public String what() {
        return "mail-out";
    }

    @Override
    protected List<Delivery> page(Instant cutoff, long afterReservationId, int max) {
        return deliveries.preparing(afterReservationId, max);
    }

    @Override
    protected long reservationIdOf(Delivery delivery) {
        return delivery.reservationId();
    }

    @Override
    protected Optional<String> repair(Delivery delivery, BookingState booking, Instant cutoff) {
        if (booking == null || !BookingState.CANCELLED.equals(booking.status()) || !settledBefore(booking, cutoff)
                || !deliveries.cancelOrphan(delivery.reservationId())) {
            return Optional.empty();
        }
        return Optional.of("mail-out of reservation " + delivery.reservationId()
                + " cancelled; reservation has it CANCELLED since " + booking.since());
    }
}
