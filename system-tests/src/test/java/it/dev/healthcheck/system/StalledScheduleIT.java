package it.dev.healthcheck.system;

import static it.dev.healthcheck.system.support.Api.RESERVATION;
import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.Consistency;
import it.dev.healthcheck.system.support.Ledger;
import it.dev.healthcheck.system.support.NothingDeadLettered;
import it.dev.healthcheck.system.support.TheSystem;
import it.dev.healthcheck.system.support.Traffic;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault: the schedule server stops answering (kill -STOP: its sockets stay open, nothing comes back)
 * while customers book, then carries on (kill -CONT). Booking fails fast with 503 and a retry hint while
 * it is stalled, and recovers by itself; no seat is lost or taken twice.
 */
@ExtendWith({TheSystem.class, NothingDeadLettered.class})
class StalledScheduleIT {

    private static final long SCHEDULE_ID = 60;
    private static final int SEATS = 100_000;

    @Test
    void bookingFailsFastWhileScheduleIsStalledAndRecoversWithoutARestart() throws Exception {
        var schedule = TheSystem.get().server("schedule");
        var alice = Api.as("alice");
        assertThat(Api.as("admin").post(SCHEDULE, "/schedules",
                Map.of("scheduleId", SCHEDULE_ID, "availableCount", SEATS)).status()).isEqualTo(201);
        var before = new Ledger(SCHEDULE_ID);
        var stalled = new Ledger(SCHEDULE_ID);
        var after = new Ledger(SCHEDULE_ID);

        assertThat(before.book(alice, SCHEDULE_ID * 10_000, 1)).isEqualTo(201);
        schedule.freeze();
        try (var traffic = Traffic.start(stalled, 4)) {
            Thread.sleep(12_000);
        } finally {
            schedule.thaw();
        }
        System.out.println("StalledScheduleIT: while stalled: " + stalled + "; slowest 503 "
                + stalled.slowestBooking(503) + " ms");
        assertThat(stalled.bookingAnswers().keySet()).as("every booking while stalled is refused").containsOnly(503);
        // Fail fast: the timeout (1 s, and the socket read no longer) bounds the first answers, the open
        // circuit answers the rest at once; a hang would last the client's 30 s.
        assertThat(stalled.slowestBooking(503)).as("slowest 503, ms").isLessThan(2_000);

        // Operators see the breaker at work in /metrics (MicroProfile Fault Tolerance's own counters).
        assertThat(breakerOpenings()).as("times the breaker on schedule's seat requests opened").isPositive();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                after.book(alice, SCHEDULE_ID * 10_000 + after.attempted().size() + 1, 1) == 201);
        System.out.println("StalledScheduleIT: after resuming: " + after);

        Consistency.awaitConsistent(new Ledger(SCHEDULE_ID).absorb(before).absorb(stalled).absorb(after), SEATS,
                Duration.ofSeconds(60));
    }

    private static double breakerOpenings() {
        var metrics = Api.anonymous().accepting("text/plain").get(RESERVATION, "/metrics");
        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
        Matcher opened = Pattern.compile("^ft_circuitbreaker_opened_total\\{[^}]*ScheduleSeats\\.take[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics.body());
        assertThat(opened.find()).as("the breaker's counter in /metrics").isTrue();
        return Double.parseDouble(opened.group(1));
    }
}
