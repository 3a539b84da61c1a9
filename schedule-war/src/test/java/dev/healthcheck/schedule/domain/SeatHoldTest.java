package dev.healthcheck.schedule.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeatHoldTest {

    private final Schedule schedule = new Schedule(1, 100, null, null, null);

    @Test
    void aHoldTakesItsSeatsAndCancellingTwiceGivesThemBackOnce() {
        SeatHold hold = SeatHold.take(schedule, 7, 10, 1);
        assertThat(schedule.availableCount()).isEqualTo(90);

        assertThat(hold.fence(schedule, SeatHold.EVERY_ATTEMPT)).isTrue();
        assertThat(hold.fence(schedule, SeatHold.EVERY_ATTEMPT)).isFalse();
        assertThat(schedule.availableCount()).isEqualTo(100);
    }

    @Test
    void aHoldThatCannotBeTakenTakesNothing() {
        assertThatThrownBy(() -> SeatHold.take(schedule, 7, 101, 1)).isInstanceOf(NotEnoughSeatsException.class);
        assertThat(schedule.availableCount()).isEqualTo(100);
    }

    @Test
    void theSameSeatsAskedAgainAreTheSameHold() {
        SeatHold hold = SeatHold.take(schedule, 7, 10, 1);
        assertThat(hold.requestAgain(schedule, 10, 1)).isFalse();
        assertThat(schedule.availableCount()).isEqualTo(90);
        assertThatThrownBy(() -> hold.requestAgain(schedule, 11, 1)).isInstanceOf(ScheduleConflictException.class);
        assertThat(schedule.availableCount()).isEqualTo(90);
    }

    @Test
    void aNewerAttemptAdoptsTheHoldSoAbandoningTheOlderOneGivesNothingBack() {
        SeatHold hold = SeatHold.take(schedule, 7, 10, 1);
        assertThat(hold.requestAgain(schedule, 10, 2)).isFalse();

        assertThat(hold.fence(schedule, 1)).isFalse();
        assertThat(schedule.availableCount()).isEqualTo(90);
        assertThat(hold.attempt()).isEqualTo(2);
    }

    @Test
    void anAbandonedAttemptGivesItsSeatsBackAndIsRefusedLaterButANewerOneMayTakeThem() {
        SeatHold hold = SeatHold.take(schedule, 7, 10, 1);
        assertThat(hold.fence(schedule, 1)).isTrue();
        assertThat(schedule.availableCount()).isEqualTo(100);

        assertThatThrownBy(() -> hold.requestAgain(schedule, 10, 1)).isInstanceOf(ScheduleConflictException.class);
        assertThat(hold.requestAgain(schedule, 10, 2)).isTrue();
        assertThat(schedule.availableCount()).isEqualTo(90);
    }

    @Test
    void aFenceThatOvertookItsRequestRefusesItAndGivesNothingBack() {
        SeatHold fence = SeatHold.fencedBeforeTaken(7, 1, 1);
        assertThat(fence.fence(schedule, 1)).isFalse();
        assertThatThrownBy(() -> fence.requestAgain(schedule, 10, 1)).isInstanceOf(ScheduleConflictException.class);
        assertThat(schedule.availableCount()).isEqualTo(100);
    }

    @Test
    void aCancelledReservationTakesNoSeatsWhateverTheAttempt() {
        SeatHold fence = SeatHold.fencedBeforeTaken(7, 1, SeatHold.EVERY_ATTEMPT);
        assertThatThrownBy(() -> fence.requestAgain(schedule, 10, 1_000)).isInstanceOf(ScheduleConflictException.class);
        assertThat(schedule.availableCount()).isEqualTo(100);
    }

    @Test
    void reconciliationGivesAnOrphanedHoldBackOnceAndThenABookingMayTakeSeatsAgain() {
        SeatHold hold = SeatHold.take(schedule, 7, 10, 1);
        Instant later = hold.changedAt().plusSeconds(1);

        assertThat(hold.reclaim(schedule, 1, later)).isTrue();
        assertThat(hold.reclaim(schedule, 1, later.plusSeconds(1))).isFalse();
        assertThat(schedule.availableCount()).isEqualTo(100);
        // Not fenced: the booking may still try again with a newer attempt.
        assertThat(hold.requestAgain(schedule, 10, 2)).isTrue();
        assertThat(schedule.availableCount()).isEqualTo(90);
    }

    @Test
    void reconciliationNeverTakesAHoldWithinItsGracePeriodOrOneAnAttemptClaimedSinceItLooked() {
        SeatHold hold = SeatHold.take(schedule, 7, 10, 1);
        assertThat(hold.reclaim(schedule, 1, hold.changedAt())).as("not older than the cutoff").isFalse();

        Instant seen = hold.changedAt().plusSeconds(1);
        hold.requestAgain(schedule, 10, 2);
        assertThat(hold.reclaim(schedule, 1, seen)).as("attempt 2 holds it now").isFalse();
        assertThat(schedule.availableCount()).isEqualTo(90);
    }
}
