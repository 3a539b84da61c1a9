package dev.healthcheck.delivery.application;

import dev.healthcheck.delivery.domain.Delivery;
import dev.healthcheck.delivery.domain.DeliveryNotFoundException;
import dev.healthcheck.delivery.infrastructure.jpa.DeliveryRepository;
import dev.healthcheck.kit.EventPublisher;
import dev.healthcheck.kit.events.DeliveryCancelled;
import dev.healthcheck.kit.events.DeliveryDelivered;
import dev.healthcheck.kit.events.DeliveryShipped;
import dev.healthcheck.kit.events.DeliveryStarted;
import dev.healthcheck.kit.events.ReservationCancelled;
import dev.healthcheck.kit.events.Reserved;
import dev.healthcheck.kit.inbox.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Mail-outs follow bookings, and the mail room's records of shipment and arrival. Each event is applied
 * once (inbox) in one transaction with what it raises.
 */
@ApplicationScoped
@Transactional
public class DeliveryService {

    @Inject
    DeliveryRepository deliveries;

    @Inject
    EventInbox inbox;

    @Inject
    EventPublisher events;

    public void startFor(Reserved reserved) {
        if (!inbox.firstDelivery(reserved) || deliveries.find(reserved.reservationId()).isPresent()) {
            return;
        }
        Delivery delivery = Delivery.start(reserved.reservationId(), reserved.scheduleId(), reserved.customerId());
        deliveries.add(delivery);
        events.publish(new DeliveryStarted(UUID.randomUUID(), Instant.now(), delivery.reservationId(),
                delivery.scheduleId(), delivery.customerId(), delivery.status().name()));
    }

    public void cancelFor(ReservationCancelled cancelled) {
        if (!inbox.firstDelivery(cancelled)) {
            return;
        }
        var existing = deliveries.find(cancelled.reservationId());
        Delivery delivery;
        if (existing.isEmpty()) {
            delivery = Delivery.cancelledBeforeStart(cancelled.reservationId(), cancelled.scheduleId(),
                    cancelled.customerId());
            deliveries.add(delivery);
        } else if (existing.get().cancel()) {
            delivery = existing.get();
        } else {
            return;
        }
        events.publish(new DeliveryCancelled(UUID.randomUUID(), Instant.now(), delivery.reservationId(),
                delivery.scheduleId(), delivery.customerId(), delivery.status().name()));
    }

    /** A page of mail-outs still PREPARING, for reconciliation. */
    public List<Delivery> preparing(long afterReservationId, int max) {
        return deliveries.preparing(afterReservationId, max);
    }

    /**
     * Reconciliation: the booking was cancelled but its ReservationCancelled never arrived. Cancels the
     * mail-out as that event would (a letter shipped meanwhile stays shipped, noted as cancelled after shipping).
     *
     * @return whether this call cancelled it
     */
    public boolean cancelOrphan(long reservationId) {
        var delivery = deliveries.findForUpdate(reservationId);
        if (delivery.isEmpty() || !delivery.get().cancel()) {
            return false;
        }
        events.publish(new DeliveryCancelled(UUID.randomUUID(), Instant.now(), reservationId,
                delivery.get().scheduleId(), delivery.get().customerId(), delivery.get().status().name()));
        return true;
    }

    /** The mail room handed the letter to the post; the same call again changes nothing and raises nothing. */
    public Delivery ship(long reservationId, String trackingReference) {
        Delivery delivery = deliveries.findForUpdate(reservationId)
                .orElseThrow(() -> new DeliveryNotFoundException(reservationId));
        if (delivery.ship(trackingReference, now())) {
            events.publish(new DeliveryShipped(UUID.randomUUID(), delivery.shippedAt(), delivery.reservationId(),
                    delivery.scheduleId(), delivery.customerId(), delivery.trackingReference(), delivery.shippedAt()));
        }
        return delivery;
    }

    /** The letter arrived; the same call again changes nothing and raises nothing. */
    public Delivery recordArrival(long reservationId) {
        Delivery delivery = deliveries.findForUpdate(reservationId)
                .orElseThrow(() -> new DeliveryNotFoundException(reservationId));
        if (delivery.arrive(now())) {
            events.publish(new DeliveryDelivered(UUID.randomUUID(), delivery.deliveredAt(), delivery.reservationId(),
                    delivery.scheduleId(), delivery.customerId(), delivery.deliveredAt()));
        }
        return delivery;
    }

    /** Milliseconds: the mail room's times read back from the database equal those in the events. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public Delivery find(long reservationId) {
        return deliveries.find(reservationId).orElseThrow(() -> new DeliveryNotFoundException(reservationId));
    }

    public List<Delivery> list(Long scheduleId, int page, int size) {
        return deliveries.list(scheduleId, page, size);
    }
}
