package dev.healthcheck.schedule.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeatHoldTest {

    private final Schedule schedule = new Schedule(1, 100, null, null, null);

    @Test
    void aHoldTakesItsSeatsAndReleasingTwiceGivesThemBackOnce() {
        SeatHold hold = SeatHold.take(schedule, 7, 10);
        assertThat(schedule.availableCount()).isEqualTo(90);

        assertThat(hold.release(schedule)).isTrue();
        assertThat(hold.release(schedule)).isFalse();
        assertThat(schedule.availableCount()).isEqualTo(100);
    }

    @Test
    void aHoldThatCannotBeTakenTakesNothing() {
        assertThatThrownBy(() -> SeatHold.take(schedule, 7, 101)).isInstanceOf(NotEnoughSeatsException.class);
        assertThat(schedule.availableCount()).isEqualTo(100);
    }

    @Test
    void onlyTheSameRequestMatchesAnExistingHold() {
        SeatHold hold = SeatHold.take(schedule, 7, 10);
        assertThat(hold.isSameRequest(1, 10)).isTrue();
        assertThat(hold.isSameRequest(1, 11)).isFalse();
        assertThat(hold.isSameRequest(2, 10)).isFalse();
    }

    @Test
    void aTombstoneNeverMatchesAndReleasesNothing() {
        SeatHold tombstone = SeatHold.releasedBeforeTaken(7, 1);
        assertThat(tombstone.isSameRequest(1, 10)).isFalse();
        assertThat(tombstone.release(schedule)).isFalse();
        assertThat(schedule.availableCount()).isEqualTo(100);
    }
}
