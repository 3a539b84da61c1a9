package dev.healthcheck.mypage.application;

import dev.healthcheck.kit.events.BookingEvent;
import dev.healthcheck.kit.events.DeliveryCancelled;
import dev.healthcheck.kit.events.DeliveryDelivered;
import dev.healthcheck.kit.events.DeliveryShipped;
import dev.healthcheck.kit.events.DeliveryStarted;
import dev.healthcheck.kit.events.ReservationCancelled;
import dev.healthcheck.kit.events.Reserved;
import dev.healthcheck.kit.events.SagaEvent;
import dev.healthcheck.kit.inbox.EventInbox;
import dev.healthcheck.mypage.domain.MyPageRow;
import dev.healthcheck.mypage.domain.MyPageRow.DeliveryStatus;
import dev.healthcheck.mypage.infrastructure.jpa.MyPageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the MyPage view from events alone (no calls to the owning services). Each event is applied
 * once, in one transaction with the record that it was, and a booking's events one at a time.
 */
@ApplicationScoped
@Transactional
public class MyPageProjection {

    @Inject
    MyPageRepository rows;

    @Inject
    EventInbox inbox;

    public void apply(SagaEvent event) {
        if (event instanceof BookingEvent booking) {
            // first: a copy of the event being applied elsewhere is then seen as applied, not collided with
            rows.takeTurn(booking.reservationId());
        }
        if (!inbox.firstDelivery(event)) {
            return;
        }
        if (event instanceof Reserved r) {
            row(r.reservationId(), r.customerId(), r.scheduleId())
                    .reserved(r.reservationCount(), r.scheduleDate(), r.programme(), r.location());
        } else if (event instanceof ReservationCancelled c) {
            row(c.reservationId(), c.customerId(), c.scheduleId()).cancelled(c.reservationCount());
        } else if (event instanceof DeliveryStarted d) {
            row(d.reservationId(), d.customerId(), d.scheduleId()).delivery(DeliveryStatus.valueOf(d.status()));
        } else if (event instanceof DeliveryCancelled d) {
            row(d.reservationId(), d.customerId(), d.scheduleId()).delivery(DeliveryStatus.CANCELLED);
        } else if (event instanceof DeliveryShipped d) {
            row(d.reservationId(), d.customerId(), d.scheduleId()).shipped(d.trackingReference(), d.shippedAt());
        } else if (event instanceof DeliveryDelivered d) {
            row(d.reservationId(), d.customerId(), d.scheduleId()).delivered(d.deliveredAt());
        }
    }

    public Optional<MyPageRow> find(long reservationId) {
        return rows.find(reservationId);
    }

    public List<MyPageRow> list(String customerId, Long scheduleId, int page, int size) {
        return rows.list(customerId, scheduleId, page, size);
    }

    private MyPageRow row(long reservationId, String customerId, long scheduleId) {
        return rows.find(reservationId).orElseGet(() -> {
            MyPageRow row = new MyPageRow(reservationId, customerId, scheduleId);
            rows.add(row);
            return row;
        });
    }
}
