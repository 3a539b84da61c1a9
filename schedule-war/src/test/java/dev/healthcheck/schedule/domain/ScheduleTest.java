package dev.healthcheck.schedule.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    private final Schedule schedule = new Schedule(1, 100, null, "basic", "Tokyo");

    @Test
    void takingSeatsLowersWhatIsLeft() {
        schedule.take(10);
        schedule.take(5);
        assertThat(schedule.availableCount()).isEqualTo(85);
    }

    @Test
    void seatsNeverGoBelowZeroAndARefusalChangesNothing() {
        schedule.take(85);
        assertThatThrownBy(() -> schedule.take(16)).isInstanceOf(NotEnoughSeatsException.class)
                .hasMessageContaining("15 seats left");
        assertThat(schedule.availableCount()).isEqualTo(15);
        schedule.take(15);
        assertThat(schedule.availableCount()).isZero();
    }

    @Test
    void seatsNeverExceedCapacity() {
        schedule.take(10);
        schedule.release(10);
        assertThatThrownBy(() -> schedule.release(1)).isInstanceOf(IllegalStateException.class);
        assertThat(schedule.availableCount()).isEqualTo(100);
    }

    @Test
    void countsMustBePositive() {
        assertThatThrownBy(() -> schedule.take(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule.take(-3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule.release(-3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(schedule.availableCount()).isEqualTo(100);
    }
}
