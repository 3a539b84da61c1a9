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
 * Fault: the broker is killed with SIGKILL under load and started again. Bookings go on (their events
 * wait in the outbox); nothing acknowledged is lost, nothing is delivered twice.
 */
@ExtendWith({TheSystem.class, NothingDeadLettered.class})
class BrokerRestartIT {

    private static final long SCHEDULE_ID = 40;
    private static final int SEATS = 100_000;

    @Test
    void aBrokerKilledUnderLoadLosesNothingAcknowledged() throws Exception {
        var broker = TheSystem.get().broker();
        var ledger = Ledger.forNewSchedule(SCHEDULE_ID, SEATS);

        try (var traffic = Traffic.start(ledger, 4)) {
            Thread.sleep(2_000);
            broker.kill();
            System.out.println("BrokerRestartIT: broker killed -9; " + ledger);
            Thread.sleep(3_000);
            System.out.println("BrokerRestartIT: while the broker was down; " + ledger);
            broker.start();
            System.out.println("BrokerRestartIT: broker is back; " + ledger);
            Thread.sleep(3_000);
        }
        System.out.println("BrokerRestartIT: " + ledger);

        assertThat(ledger.bookingAnswers().keySet()).as("answers: acknowledged, or refused with 503")
                .isSubsetOf(201, 503);
        assertThat(ledger.booked()).hasSizeGreaterThan(20);
        Consistency.awaitConsistent(ledger, SEATS, Duration.ofSeconds(90));
    }
}
