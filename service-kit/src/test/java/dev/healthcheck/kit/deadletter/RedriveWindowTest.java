package dev.healthcheck.kit.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RedriveWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-30T05:00:00Z");
    private final RedriveWindow week = RedriveWindow.of(Duration.ofDays(7));

    @Test
    void aDeadLetterOfAnEventPublishedWithinTheRetentionMayBeRedriven() {
        assertThat(week.isOpenFor(NOW.minus(Duration.ofMinutes(44)), NOW)).isTrue();
        assertThat(week.isOpenFor(NOW.minus(Duration.ofDays(6)), NOW)).isTrue();
    }

    @Test
    void anEventPublishedLongerAgoThanTheConsumerRemembersAppliedEventsMayNot() {
        assertThat(week.isOpenFor(NOW.minus(Duration.ofDays(8)), NOW)).isFalse();
        assertThat(week.isOpenFor(NOW.minus(Duration.ofDays(7)), NOW)).isFalse();
    }

    @Test
    void theWindowClosesAMarginBeforeTheRetentionEnds() {
        Instant published = NOW.minus(Duration.ofDays(7)).plus(Duration.ofMinutes(30));

        assertThat(week.closesFor(published)).contains(published.plus(Duration.ofDays(7)).minus(RedriveWindow.MARGIN));
        assertThat(week.isOpenFor(published, NOW)).as("within the retention, but inside the margin").isFalse();
    }

    @Test
    void anEventOfUnknownAgeIsNeverRedriven() {
        assertThat(week.isOpenFor(null, NOW)).isFalse();
        assertThat(week.closesFor(null)).isEmpty();
    }

    @Test
    void aRetentionNoLongerThanTheMarginIsRefused() {
        assertThatThrownBy(() -> RedriveWindow.of(Duration.ofMinutes(30))).hasMessageContaining("inbox.retention");
    }
}
