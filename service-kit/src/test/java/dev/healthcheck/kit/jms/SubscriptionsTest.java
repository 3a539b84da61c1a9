package dev.healthcheck.kit.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    /** The resource adapter escapes the dots of the subscription name; _AMQ_ORIG_QUEUE carries that name. */
    @Test
    void aSubscriptionIsFoundUnderTheQueueNameTheResourceAdapterGivesIt() {
        assertThat(Subscriptions.queueNamed("healthcheck-delivery:delivery.reservation-events"))
                .isEqualTo("healthcheck-delivery.delivery\\.reservation-events");
    }

    @Test
    void eachTopicLeadsToItsOwnSubscriptionAndAnotherTopicToNone() {
        var subscriptions = new Subscriptions();
        subscriptions.configured = Optional.of(List.of(
                "healthcheck.reservation=healthcheck-mypage-reservations:mypage.reservation-events",
                " healthcheck.delivery=healthcheck-mypage-deliveries:mypage.delivery-events"));

        assertThat(subscriptions.queueOf("healthcheck.delivery"))
                .contains("healthcheck-mypage-deliveries.mypage\\.delivery-events");
        assertThat(subscriptions.queueOf("healthcheck.schedule")).isEmpty();
        assertThat(subscriptions.queues()).hasSize(2);
    }

    @Test
    void aSubscriptionWithoutItsTopicOrClientIdIsRefused() {
        var subscriptions = new Subscriptions();
        subscriptions.configured = Optional.of(List.of("healthcheck-delivery:delivery.reservation-events"));
        assertThatThrownBy(subscriptions::queues).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic=clientId:subscriptionName");
        assertThatThrownBy(() -> Subscriptions.queueNamed("delivery.reservation-events"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId:subscriptionName");
    }
}
