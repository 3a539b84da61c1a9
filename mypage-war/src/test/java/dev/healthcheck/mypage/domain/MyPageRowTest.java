package dev.healthcheck.mypage.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthcheck.mypage.domain.MyPageRow.DeliveryStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MyPageRowTest {

    private static final Instant SHIPPED = Instant.parse("2027-01-05T09:00:00Z");
    private static final Instant ARRIVED = Instant.parse("2027-01-07T14:30:00Z");

    @Test
    void theRowFollowsTheSagaInOrder() {
        MyPageRow row = new MyPageRow(1, "alice", 1);
        row.reserved(10, null, "basic", "Tokyo");
        row.delivery(DeliveryStatus.PREPARING);
        row.cancelled(10);
        row.delivery(DeliveryStatus.CANCELLED);

        assertThat(row.reservationStatus()).isEqualTo("CANCELLED");
        assertThat(row.deliveryStatus()).isEqualTo("CANCELLED");
        assertThat(row.reservationCount()).isEqualTo(10);
    }

    @Test
    void eventsOutOfOrderEndInTheSameState() {
        MyPageRow row = new MyPageRow(1, "alice", 1);
        row.delivery(DeliveryStatus.CANCELLED);
        row.cancelled(10);
        row.delivery(DeliveryStatus.PREPARING);
        row.reserved(10, null, "basic", "Tokyo");

        assertThat(row.reservationStatus()).isEqualTo("CANCELLED");
        assertThat(row.deliveryStatus()).isEqualTo("CANCELLED");
        assertThat(row.programme()).isEqualTo("basic");
    }

    @Test
    void aDeliveryNeverGoesBack() {
        MyPageRow row = new MyPageRow(1, "alice", 1);
        row.delivery(DeliveryStatus.SHIPPED);
        row.delivery(DeliveryStatus.PREPARING);
        assertThat(row.deliveryStatus()).isEqualTo("SHIPPED");
    }

    @Test
    void theRowShowsTheLetterShippedThenDeliveredWithTimesAndReference() {
        MyPageRow row = new MyPageRow(1, "alice", 1);
        row.reserved(10, null, "basic", "Tokyo");
        row.delivery(DeliveryStatus.PREPARING);
        row.shipped("RR123456785JP", SHIPPED);
        assertThat(row.deliveryStatus()).isEqualTo("SHIPPED");
        row.delivered(ARRIVED);

        assertThat(row.deliveryStatus()).isEqualTo("DELIVERED");
        assertThat(row.trackingReference()).isEqualTo("RR123456785JP");
        assertThat(row.shippedAt()).isEqualTo(SHIPPED);
        assertThat(row.deliveredAt()).isEqualTo(ARRIVED);
        assertThat(row.cancelledAfterShipping()).isFalse();
    }

    @Test
    void theLetterEventsInReverseOrderEndDeliveredWithEverythingKnown() {
        MyPageRow row = new MyPageRow(1, "alice", 1);
        row.delivered(ARRIVED);
        row.shipped("RR123456785JP", SHIPPED);
        row.delivery(DeliveryStatus.PREPARING);
        row.reserved(10, null, "basic", "Tokyo");

        assertThat(row.deliveryStatus()).isEqualTo("DELIVERED");
        assertThat(row.trackingReference()).isEqualTo("RR123456785JP");
        assertThat(row.shippedAt()).isEqualTo(SHIPPED);
        assertThat(row.deliveredAt()).isEqualTo(ARRIVED);
        assertThat(row.reservationStatus()).isEqualTo("RESERVED");
    }

    @Test
    void aCancellationAfterShippingKeepsTheLetterAndSaysSoWhateverTheOrder() {
        MyPageRow cancelledFirst = new MyPageRow(1, "alice", 1);
        cancelledFirst.cancelled(10);
        cancelledFirst.shipped("RR123456785JP", SHIPPED);
        cancelledFirst.reserved(10, null, "basic", "Tokyo");
        MyPageRow shippedFirst = new MyPageRow(2, "alice", 1);
        shippedFirst.reserved(10, null, "basic", "Tokyo");
        shippedFirst.shipped("RR123456786JP", SHIPPED);
        shippedFirst.cancelled(10);

        for (MyPageRow row : new MyPageRow[] {cancelledFirst, shippedFirst}) {
            assertThat(row.reservationStatus()).isEqualTo("CANCELLED");
            assertThat(row.deliveryStatus()).isEqualTo("SHIPPED");
            assertThat(row.cancelledAfterShipping()).isTrue();
        }
    }

    @Test
    void aCancellationBeforeShippingIsNotCalledOneAfter() {
        MyPageRow row = new MyPageRow(1, "alice", 1);
        row.reserved(10, null, "basic", "Tokyo");
        row.cancelled(10);
        row.delivery(DeliveryStatus.CANCELLED);
        assertThat(row.cancelledAfterShipping()).isFalse();
    }
}
