package it.dev.healthcheck.system;

import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthcheck.system.LibertyServer;
import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.Consistency;
import it.dev.healthcheck.system.support.Ledger;
import it.dev.healthcheck.system.support.NothingDeadLettered;
import it.dev.healthcheck.system.support.TheSystem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fault: the mail-out and MyPage sides are down while customers book; they catch up when they return. */
@ExtendWith({TheSystem.class, NothingDeadLettered.class})
class CatchUpIT {

    private static final long SCHEDULE_ID = 20;
    private static final int SEATS = 100;

    @Test
    void bookingsTakenWhileDeliveryAndMyPageAreStoppedReachThemWhenTheyReturn() throws Exception {
        var system = TheSystem.get();
        var admin = Api.as("admin");
        var alice = Api.as("alice");
        assertThat(admin.post(SCHEDULE, "/schedules", Map.of("scheduleId", SCHEDULE_ID, "availableCount", SEATS))
                .status()).isEqualTo(201);
        var ledger = new Ledger(SCHEDULE_ID);

        var consumers = List.of(system.server("delivery"), system.server("mypage"));
        LibertyServer.stopAll(consumers);
        try {
            for (int i = 1; i <= 50; i++) {
                assertThat(ledger.book(alice, SCHEDULE_ID * 1_000 + i, 1)).as("booking %d", i).isEqualTo(201);
            }
            for (int i = 1; i <= 5; i++) {
                assertThat(ledger.cancel(alice, SCHEDULE_ID * 1_000 + i)).as("cancellation %d", i).isEqualTo(200);
            }
        } finally {
            LibertyServer.startAll(consumers);
        }
        System.out.println("CatchUpIT: " + ledger);

        var found = Consistency.awaitConsistent(ledger, SEATS, Duration.ofSeconds(60));
        assertThat(found).hasSize(50);
        assertThat(found.values().stream().filter(Consistency.Booking::isActive)).hasSize(45);
    }
}
