package dev.healthcheck.delivery.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryTest {

    @Test
    void aMailOutBeingPreparedCanBeCancelledOnce() {
        Delivery delivery = Delivery.start(1, 1, "alice");
        assertThat(delivery.status()).isEqualTo(Delivery.Status.PREPARING);

        assertThat(delivery.cancel()).isTrue();
        assertThat(delivery.cancel()).isFalse();
        assertThat(delivery.status()).isEqualTo(Delivery.Status.CANCELLED);
    }

    @Test
    void aCancellationBeforeTheBookingLeavesNothingToSend() {
        Delivery delivery = Delivery.cancelledBeforeStart(1, 1, "alice");
        assertThat(delivery.status()).isEqualTo(Delivery.Status.CANCELLED);
        assertThat(delivery.cancel()).isFalse();
    }
}
