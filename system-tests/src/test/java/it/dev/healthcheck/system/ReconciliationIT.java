package it.dev.healthcheck.system;

import static it.dev.healthcheck.system.support.Api.DELIVERY;
import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.healthcheck.system.LibertyServer;
import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.Broker;
import it.dev.healthcheck.system.support.Consistency;
import it.dev.healthcheck.system.support.Ledger;
import it.dev.healthcheck.system.support.NothingDeadLettered;
import it.dev.healthcheck.system.support.TheSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault: events the saga needed are lost (a cancellation deleted from schedule's and delivery's
 * subscriptions) and seats are taken for a reservation reservation never recorded. With the test run's
 * grace period (TheSystem.TIMINGS: 10 s, a round every 5 s) the reconciliation gives those seats back
 * and cancels the mail-out, counts each repair, and never touches a booking that is RESERVED.
 */
@ExtendWith({TheSystem.class, NothingDeadLettered.class})
class ReconciliationIT {

    private static final long SCHEDULE_ID = 200;
    private static final long ROGUE_SCHEDULE_ID = 210;
    private static final int SEATS = 10;
    private static final long KEPT = 200_001;
    private static final long CANCELLED = 200_002;
    private static final long NEVER_RECORDED = 210_001;
    private static final Duration GRACE = Duration.ofSeconds(Long.parseLong(TheSystem.TIMINGS.get("RECONCILIATION_GRACE_SECONDS")));
    private static final Duration EVENTUALLY = Duration.ofSeconds(90);

    private static final List<String> LOSING = List.of(
            Broker.subscriptionQueue("healthcheck-schedule", "schedule.reservation-events"),
            Broker.subscriptionQueue("healthcheck-delivery", "delivery.reservation-events"));

    private final Api alice = Api.as("alice");
    private final Api admin = Api.as("admin");
    private final Api service = Api.asService();

    @Test
    void orphanedSeatsAndMailOutsAreRepairedAfterTheGracePeriodAndAReservedBookingKeepsItsSeats() {
        LibertyServer schedule = TheSystem.get().server("schedule");
        LibertyServer delivery = TheSystem.get().server("delivery");
        double seatHoldsBefore = schedule.metric("healthcheck_reconciled_total", "what=\"seat-hold\"").orElse(0.0);
        double mailOutsBefore = delivery.metric("healthcheck_reconciled_total", "what=\"mail-out\"").orElse(0.0);

        var ledger = Ledger.forNewSchedule(SCHEDULE_ID, SEATS);
        assertThat(ledger.book(alice, KEPT, 2)).isEqualTo(201);
        assertThat(ledger.book(alice, CANCELLED, 3)).isEqualTo(201);
        await().atMost(EVENTUALLY).until(() -> admin.get(DELIVERY, "/deliveries/" + CANCELLED).status() == 200);
        LOSING.forEach(Broker::pause);
        Instant cancelled = Instant.now();
        try {
            assertThat(ledger.cancel(alice, CANCELLED)).isEqualTo(200);
            await().atMost(EVENTUALLY).untilAsserted(() -> LOSING.forEach(queue ->
                    assertThat(Broker.messageCount(queue)).as(queue).isEqualTo(1)));
            LOSING.forEach(queue -> assertThat(Broker.drop(queue)).as(queue).isEqualTo(1));
        } finally {
            LOSING.forEach(Broker::resume);
        }
        assertThat(admin.post(SCHEDULE, "/schedules", Map.of("scheduleId", ROGUE_SCHEDULE_ID, "availableCount", SEATS))
                .status()).isEqualTo(201);
        assertThat(service.put(SCHEDULE, "/schedules/" + ROGUE_SCHEDULE_ID + "/seatHolds/" + NEVER_RECORDED,
                Map.of("count", 4, "attempt", 1)).status()).isEqualTo(201);

        // Within the grace period nothing is repaired: the booking the hold is for could still be on its way.
        assertThat(availableSeats(ROGUE_SCHEDULE_ID)).isEqualTo(SEATS - 4);

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(availableSeats(SCHEDULE_ID)).isEqualTo(SEATS - 2);
            assertThat(availableSeats(ROGUE_SCHEDULE_ID)).isEqualTo(SEATS);
            assertThat(admin.get(DELIVERY, "/deliveries/" + CANCELLED).json().getString("status")).isEqualTo("CANCELLED");
        });
        assertThat(Duration.between(cancelled, Instant.now())).as("repaired only after the grace period")
                .isGreaterThan(GRACE);
        // Counted, and logged once each (earlier tests' seat holds of unrecorded ids may be counted too).
        assertThat(schedule.metric("healthcheck_reconciled_total", "what=\"seat-hold\"").orElse(0.0) - seatHoldsBefore)
                .isGreaterThanOrEqualTo(2.0);
        assertThat(delivery.metric("healthcheck_reconciled_total", "what=\"mail-out\"").orElse(0.0) - mailOutsBefore)
                .isEqualTo(1.0);
        assertThat(repairsLogged(schedule, "held for reservation " + CANCELLED + " given back")).isEqualTo(1);
        assertThat(repairsLogged(schedule, "held for reservation " + NEVER_RECORDED + " given back")).isEqualTo(1);
        assertThat(repairsLogged(delivery, "mail-out of reservation " + CANCELLED + " cancelled")).isEqualTo(1);
        var kept = service.get(SCHEDULE, "/schedules/" + SCHEDULE_ID + "/seatHolds/" + KEPT);
        assertThat(kept.json().getString("status")).as("the RESERVED booking's hold, older than the grace period")
                .isEqualTo("HELD");
        Consistency.awaitConsistent(ledger, SEATS, EVENTUALLY);
    }

    private static long repairsLogged(LibertyServer server, String repair) {
        try (var lines = Files.lines(server.messagesLog())) {
            return lines.filter(line -> line.contains("reconciled ") && line.contains(repair)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int availableSeats(long scheduleId) {
        return admin.get(SCHEDULE, "/schedules/" + scheduleId).json().getInt("availableCount");
    }
}
