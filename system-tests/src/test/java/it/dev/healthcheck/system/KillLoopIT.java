package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import it.dev.healthcheck.system.support.Broker;
import it.dev.healthcheck.system.support.Consistency;
import it.dev.healthcheck.system.support.Ledger;
import it.dev.healthcheck.system.support.NothingDeadLettered;
import it.dev.healthcheck.system.support.TheSystem;
import it.dev.healthcheck.system.support.Traffic;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault: a crash loop. Delivery and mypage are killed with SIGKILL three times in a row, each time while the
 * broker has handed them events they have not acknowledged, and started again, while customers go on
 * booking and cancelling. Every kill returns the held events to their subscriptions, and each return may
 * count as delivery attempts ({@link KilledHoldingEventsIT}), up to one per session: three kills could
 * cost an event 45 of the 50 attempts it may use. Nothing may reach the dead-letter address, and every
 * booking has its mail-out and its MyPage row.
 */
@ExtendWith({TheSystem.class, NothingDeadLettered.class})
class KillLoopIT {

    private static final long SCHEDULE_ID = 230;
    private static final int SEATS = 100_000;
    private static final int KILLS = 3;
    private static final Map<String, String> SUBSCRIPTIONS = Map.of(
            "delivery", Broker.subscriptionQueue("healthcheck-delivery", "delivery.reservation-events"),
            "mypage", Broker.subscriptionQueue("healthcheck-mypage-reservations", "mypage.reservation-events"));

    @Test
    void threeKillsInARowOfConsumersHoldingEventsDeadLetterNothing() {
        var system = TheSystem.get();
        var ledger = Ledger.forNewSchedule(SCHEDULE_ID, SEATS);

        try (var traffic = Traffic.start(ledger, 1)) {
            for (int kill = 1; kill <= KILLS; kill++) {
                // Ready and connected is not yet listening: a consumer frozen before its listeners are
                // activated holds nothing, and the next wait could never end.
                await("both consumers listening").atMost(Duration.ofSeconds(60))
                        .until(() -> SUBSCRIPTIONS.values().stream().allMatch(queue -> Broker.consumerCount(queue) > 0));
                // Frozen, a consumer cannot acknowledge: the events the broker hands it meanwhile are held by
                // the connection the kill then drops.
                SUBSCRIPTIONS.keySet().forEach(service -> system.server(service).freeze());
                try {
                    await("both consumers holding events").atMost(Duration.ofSeconds(30))
                            .until(() -> SUBSCRIPTIONS.values().stream().allMatch(queue -> Broker.deliveringCount(queue) > 0));
                } finally {
                    SUBSCRIPTIONS.keySet().forEach(service -> system.server(service).kill());
                }
                System.out.println("KillLoopIT: kill " + kill + " of delivery and mypage; waiting on their subscriptions "
                        + waiting() + "; " + ledger);
                // both at once: a restart is 20-30 s here, and the loop is six of them
                SUBSCRIPTIONS.keySet().parallelStream().forEach(service -> system.server(service).start());
            }
        }
        System.out.println("KillLoopIT: " + ledger);

        assertThat(ledger.booked()).as("bookings acknowledged during the kills").hasSizeGreaterThan(4 * KILLS);
        var found = Consistency.awaitConsistent(ledger, SEATS, Duration.ofSeconds(300));
        System.out.println("KillLoopIT: " + found.size() + " reservations consistent, with mail-outs and MyPage rows");
    }

    private static Map<String, Long> waiting() {
        return Map.of("delivery", Broker.messageCount(SUBSCRIPTIONS.get("delivery")),
                "mypage", Broker.messageCount(SUBSCRIPTIONS.get("mypage")));
    }
}
