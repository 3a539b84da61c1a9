package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;

import it.dev.healthcheck.system.support.Consistency;
import it.dev.healthcheck.system.support.Ledger;
import it.dev.healthcheck.system.support.NothingDeadLettered;
import it.dev.healthcheck.system.support.TheSystem;
import it.dev.healthcheck.system.support.Traffic;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault: each service in turn is killed with SIGKILL (no shutdown of any kind) while customers book and
 * cancel, then started again. Nothing acknowledged may be lost, nothing applied twice.
 */
@ExtendWith({TheSystem.class, NothingDeadLettered.class})
class KillNineIT {

    private static final long SCHEDULE_ID = 30;
    private static final int SEATS = 100_000;

    @Test
    void killingEachServiceInTurnLosesNoAcknowledgedBookingOrCancellation() throws Exception {
        var system = TheSystem.get();
        var ledger = Ledger.forNewSchedule(SCHEDULE_ID, SEATS);

        // Two clients: four made some 6 400 bookings in the four restarts of a slow day, and the catch-up
        // of their events took longer than the kills.
        try (var traffic = Traffic.start(ledger, 2)) {
            for (String service : new String[] {"schedule", "reservation", "delivery", "mypage"}) {
                Thread.sleep(2_000);
                var server = system.server(service);
                server.kill();
                System.out.println("KillNineIT: killed " + service + " -9; " + ledger);
                Thread.sleep(1_000);
                server.start();
                System.out.println("KillNineIT: " + service + " is back; " + ledger);
            }
            Thread.sleep(2_000);
        }
        System.out.println("KillNineIT: " + ledger);

        assertThat(ledger.booked()).as("bookings acknowledged").hasSizeGreaterThan(20);
        // An attempt cut short by a crash is abandoned after booking.pending-timeout-seconds (10 s); mypage,
        // killed last, has the events of thousands of bookings to catch up on: about four events per
        // booking at the ~100 events/s this 2-core box consumes (docs/benchmarks.md) is several minutes.
        var found = Consistency.awaitConsistent(ledger, SEATS, Duration.ofSeconds(600));
        System.out.println("KillNineIT: " + found.size() + " reservations found, "
                + found.values().stream().filter(Consistency.Booking::isActive).count() + " active");
    }
}
