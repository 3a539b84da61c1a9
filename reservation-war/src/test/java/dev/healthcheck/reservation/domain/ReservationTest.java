package dev.healthcheck.reservation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReservationTest {

    private final Reservation reservation = new Reservation(1, "alice", 1, 10);

    @Test
    void cancellingACancelledReservationChangesNothing() {
        reservation.confirm(1, null, null, null);
        assertThat(reservation.cancel()).isTrue();
        var cancelledAt = reservation.cancelledAt();

        assertThat(reservation.cancel()).isFalse();
        assertThat(reservation.status()).isEqualTo(Reservation.Status.CANCELLED);
        assertThat(reservation.cancelledAt()).isEqualTo(cancelledAt);
    }

    @Test
    void anAttemptUnderWayIsNeitherBookedNorCancellable() {
        assertThat(reservation.status()).isEqualTo(Reservation.Status.PENDING);
        assertThat(reservation.isBooked()).isFalse();
        assertThat(reservation.cancel()).isFalse();
        assertThatThrownBy(reservation::tryAgain).isInstanceOf(BookingInProgressException.class);
    }

    @Test
    void onlyTheAttemptUnderWayIsConfirmed() {
        assertThat(reservation.confirm(2, null, null, null)).isFalse();
        assertThat(reservation.confirm(1, null, null, null)).isTrue();
        assertThat(reservation.status()).isEqualTo(Reservation.Status.RESERVED);
        assertThat(reservation.abandon(1)).isFalse();
        assertThat(reservation.status()).isEqualTo(Reservation.Status.RESERVED);
    }

    @Test
    void anAbandonedAttemptIsNeverConfirmedButANewAttemptMayBe() {
        assertThat(reservation.abandon(1)).isTrue();
        assertThat(reservation.abandon(1)).isFalse();
        assertThat(reservation.confirm(1, null, null, null)).isFalse();

        assertThat(reservation.tryAgain()).isEqualTo(2);
        assertThat(reservation.confirm(2, null, null, null)).isTrue();
        assertThat(reservation.isBooked()).isTrue();
    }

    @Test
    void aRejectedBookingMayBeTriedAgainButABookedOneMayNot() {
        assertThat(reservation.reject(1)).isTrue();
        assertThat(reservation.isBooked()).isFalse();
        assertThat(reservation.tryAgain()).isEqualTo(2);
        reservation.confirm(2, null, null, null);
        assertThatThrownBy(reservation::tryAgain).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRepeatedRequestIsTheSameBookingOnlyIfNothingDiffers() {
        assertThat(reservation.isSameBooking(1, 10)).isTrue();
        assertThat(reservation.isSameBooking(2, 10)).isFalse();
        assertThat(reservation.isSameBooking(1, 11)).isFalse();
    }

    @Test
    void aBookingInsteadOfAnotherCustomersIdIsTheCallersUnderTheServersId() {
        var instead = Reservation.insteadOf(1, ReservationIds.assign(), "bob", 1, 10);

        assertThat(instead.reservationId()).isBetween(ReservationIds.FIRST_ASSIGNED, ReservationIds.LAST_ASSIGNED);
        assertThat(instead.belongsTo("bob")).isTrue();
        assertThat(instead.belongsTo("alice")).isFalse();
        assertThat(instead.status()).isEqualTo(Reservation.Status.PENDING);
    }

    @Test
    void aReservationNeedsSeats() {
        assertThatThrownBy(() -> new Reservation(2, "alice", 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void assignedIdsNeverMeetClientChosenOnes() {
        for (int i = 0; i < 1000; i++) {
            assertThat(ReservationIds.assign()).isBetween(ReservationIds.FIRST_ASSIGNED, ReservationIds.LAST_ASSIGNED);
        }
    }
}
