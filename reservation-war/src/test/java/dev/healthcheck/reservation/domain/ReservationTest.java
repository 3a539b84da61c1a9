package dev.healthcheck.reservation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReservationTest {

    private final Reservation reservation = new Reservation(1, "alice", 1, 10, null, null, null);

    @Test
    void cancellingACancelledReservationChangesNothing() {
        assertThat(reservation.cancel()).isTrue();
        var cancelledAt = reservation.cancelledAt();

        assertThat(reservation.cancel()).isFalse();
        assertThat(reservation.status()).isEqualTo(Reservation.Status.CANCELLED);
        assertThat(reservation.cancelledAt()).isEqualTo(cancelledAt);
    }

    @Test
    void aRepeatedRequestIsTheSameBookingOnlyIfNothingDiffers() {
        assertThat(reservation.isSameBooking("alice", 1, 10)).isTrue();
        assertThat(reservation.isSameBooking("bob", 1, 10)).isFalse();
        assertThat(reservation.isSameBooking("alice", 2, 10)).isFalse();
        assertThat(reservation.isSameBooking("alice", 1, 11)).isFalse();
    }

    @Test
    void aReservationNeedsSeats() {
        assertThatThrownBy(() -> new Reservation(2, "alice", 1, 0, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void assignedIdsNeverMeetClientChosenOnes() {
        for (int i = 0; i < 1000; i++) {
            assertThat(ReservationIds.assign()).isBetween(ReservationIds.FIRST_ASSIGNED, ReservationIds.LAST_ASSIGNED);
        }
    }
}
