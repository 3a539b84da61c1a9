package dev.healthcheck.mypage.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthcheck.mypage.domain.MyPageRow.DeliveryStatus;
import org.junit.jupiter.api.Test;

class MyPageRowTest {

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
}
