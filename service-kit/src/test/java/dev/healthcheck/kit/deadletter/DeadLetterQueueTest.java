package dev.healthcheck.kit.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeadLetterQueueTest {

    /** The resource adapter escapes the dots of the subscription name; _AMQ_ORIG_QUEUE carries that name. */
    @Test
    void aSubscriptionIsFoundUnderTheQueueNameTheResourceAdapterGivesIt() {
        assertThat(DeadLetterQueue.queueOf("healthcheck-delivery:delivery.reservation-events"))
                .isEqualTo("healthcheck-delivery.delivery\\.reservation-events");
    }

    @Test
    void aSubscriptionWithoutItsClientIdIsRefusedAtOnce() {
        assertThatThrownBy(() -> DeadLetterQueue.queueOf("delivery.reservation-events"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId:subscriptionName");
    }
}
