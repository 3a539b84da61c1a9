package dev.healthcheck.delivery.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthcheck.delivery.domain.MailOutConflictException.Reason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    private static final Instant SHIPPED = Instant.parse("2027-01-05T09:00:00Z");
    private static final Instant ARRIVED = Instant.parse("2027-01-07T14:30:00Z");

    @Test
    void aMailOutBeingPreparedCanBeCancelledOnce() {
        Delivery delivery = Delivery.start(1, 1, "alice");
        assertThat(delivery.status()).isEqualTo(Delivery.Status.PREPARING);

        assertThat(delivery.cancel()).isTrue();
        assertThat(delivery.cancel()).isFalse();
        assertThat(delivery.status()).isEqualTo(Delivery.Status.CANCELLED);
        assertThat(delivery.cancelledAfterShipping()).isFalse();
    }

    @Test
    void aCancellationBeforeTheBookingLeavesNothingToSend() {
        Delivery delivery = Delivery.cancelledBeforeStart(1, 1, "alice");
        assertThat(delivery.status()).isEqualTo(Delivery.Status.CANCELLED);
        assertThat(delivery.cancel()).isFalse();
    }

    @Test
    void aLetterShipsThenArrivesWithTheirTimesAndReference() {
        Delivery delivery = Delivery.start(1, 1, "alice");

        assertThat(delivery.ship("RR123456785JP", SHIPPED)).isTrue();
        assertThat(delivery.status()).isEqualTo(Delivery.Status.SHIPPED);
        assertThat(delivery.trackingReference()).isEqualTo("RR123456785JP");
        assertThat(delivery.shippedAt()).isEqualTo(SHIPPED);
        assertThat(delivery.deliveredAt()).isNull();

        assertThat(delivery.arrive(ARRIVED)).isTrue();
        assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(delivery.deliveredAt()).isEqualTo(ARRIVED);
        assertThat(delivery.shippedAt()).isEqualTo(SHIPPED);
    }

    @Test
    void recordingTheSameShipmentOrArrivalAgainChangesNothing() {
        Delivery delivery = Delivery.start(1, 1, "alice");
        delivery.ship("RR123456785JP", SHIPPED);

        assertThat(delivery.ship("RR123456785JP", ARRIVED)).isFalse();
        assertThat(delivery.shippedAt()).isEqualTo(SHIPPED);

        delivery.arrive(ARRIVED);
        assertThat(delivery.arrive(ARRIVED.plusSeconds(60))).isFalse();
        assertThat(delivery.ship("RR123456785JP", ARRIVED)).isFalse();
        assertThat(delivery.deliveredAt()).isEqualTo(ARRIVED);
        assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
    }

    @Test
    void aShippedLetterKeepsItsTrackingReference() {
        Delivery delivery = Delivery.start(1, 1, "alice");
        delivery.ship("RR123456785JP", SHIPPED);

        assertThatThrownBy(() -> delivery.ship("RR000000000JP", ARRIVED))
                .isInstanceOfSatisfying(MailOutConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.SHIPPED_WITH_ANOTHER_REFERENCE))
                .hasMessageContaining("RR123456785JP");
        assertThat(delivery.trackingReference()).isEqualTo("RR123456785JP");
    }

    @Test
    void aCancelledMailOutNeitherShipsNorArrives() {
        Delivery delivery = Delivery.start(1, 1, "alice");
        delivery.cancel();

        assertThatThrownBy(() -> delivery.ship("RR123456785JP", SHIPPED))
                .isInstanceOfSatisfying(MailOutConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED));
        assertThatThrownBy(() -> delivery.arrive(ARRIVED))
                .isInstanceOfSatisfying(MailOutConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED));
        assertThat(delivery.status()).isEqualTo(Delivery.Status.CANCELLED);
        assertThat(delivery.trackingReference()).isNull();
    }

    @Test
    void aLetterCannotArriveBeforeItShips() {
        Delivery delivery = Delivery.start(1, 1, "alice");

        assertThatThrownBy(() -> delivery.arrive(ARRIVED))
                .isInstanceOfSatisfying(MailOutConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SHIPPED));
        assertThat(delivery.status()).isEqualTo(Delivery.Status.PREPARING);
        assertThat(delivery.deliveredAt()).isNull();
    }

    @Test
    void aCancellationAfterShippingKeepsTheLetterAndNotesIt() {
        Delivery shipped = Delivery.start(1, 1, "alice");
        shipped.ship("RR123456785JP", SHIPPED);
        Delivery delivered = Delivery.start(2, 1, "alice");
        delivered.ship("RR123456786JP", SHIPPED);
        delivered.arrive(ARRIVED);

        assertThat(shipped.cancel()).isFalse();
        assertThat(delivered.cancel()).isFalse();

        assertThat(shipped.status()).isEqualTo(Delivery.Status.SHIPPED);
        assertThat(delivered.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(shipped.cancelledAfterShipping()).isTrue();
        assertThat(delivered.cancelledAfterShipping()).isTrue();
        // The letter still arrives, and is recorded as such.
        assertThat(shipped.arrive(ARRIVED)).isTrue();
        assertThat(shipped.status()).isEqualTo(Delivery.Status.DELIVERED);
    }
}
