package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.healthcheck.system.LibertyServer;
import it.dev.healthcheck.system.support.Consistency;
import it.dev.healthcheck.system.support.Ledger;
import it.dev.healthcheck.system.support.NothingDeadLettered;
import it.dev.healthcheck.system.support.TheSystem;
import it.dev.healthcheck.system.support.Traffic;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault: the broker is away for minutes, not seconds, under a stream of bookings and cancellations.
 * Bookings are accepted all along (their events wait in the outboxes); once the broker is back, every
 * event flows, nothing acknowledged is lost, nothing is applied twice, nothing is dead-lettered.
 */
@ExtendWith({TheSystem.class, NothingDeadLettered.class})
class BrokerOutageIT {

    private static final long SCHEDULE_ID = 170;
    private static final int SEATS = 100_000;
    private static final List<String> SERVICES = List.of("schedule", "reservation", "delivery", "mypage");
    /** How long the broker is away; -Doutage.seconds=… for a longer one. */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("outage.seconds", 120));
    private static final Duration NOTICED = Duration.ofSeconds(30);

    @Test
    void bookingsGoOnWhileTheBrokerIsAwayForMinutesAndAllTheirEventsFlowWhenItReturns() {
        var system = TheSystem.get();
        var ledger = Ledger.forNewSchedule(SCHEDULE_ID, SEATS);
        int bookedBeforeTheReturn;
        try (var traffic = Traffic.start(ledger, 2)) {
            await().atMost(NOTICED).until(() -> ledger.booked().size() >= 5);
            system.broker().kill();
            long stoppedAt = System.nanoTime();
            System.out.println("BrokerOutageIT: broker killed -9; " + ledger);

            // Every minute of the outage, bookings are still being accepted.
            for (Duration elapsed = Duration.ZERO; elapsed.compareTo(OUTAGE) < 0; elapsed = elapsed.plusMinutes(1)) {
                int booked = ledger.booked().size();
                Duration left = OUTAGE.minus(Duration.ofNanos(System.nanoTime() - stoppedAt));
                Duration minute = left.compareTo(Duration.ofMinutes(1)) < 0 ? left : Duration.ofMinutes(1);
                await().pollDelay(minute).atMost(minute.plus(NOTICED))
                        .until(() -> ledger.booked().size() > booked + 10);
                assertThat(server("reservation").metric("healthcheck_outbox_backlog")).as("reservation's waiting events")
                        .hasValueSatisfying(waiting -> assertThat(waiting).isPositive());
            }
            bookedBeforeTheReturn = ledger.booked().size();
            System.out.println("BrokerOutageIT: broker away for "
                    + Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds() + " s; " + ledger);

            system.broker().start();
            await().atMost(NOTICED).untilAsserted(() -> SERVICES.forEach(service ->
                    assertThat(server(service).isConnectedToBroker()).as(service + " connected again").isTrue()));
            await().atMost(NOTICED).until(() -> ledger.booked().size() > bookedBeforeTheReturn + 10);
        }
        System.out.println("BrokerOutageIT: " + ledger);

        assertThat(ledger.bookingAnswers().keySet()).as("answers: acknowledged, or refused with 503")
                .isSubsetOf(201, 503);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> SERVICES.forEach(service ->
                assertThat(server(service).metric("healthcheck_outbox_backlog")).as(service + " outbox backlog")
                        .contains(0.0)));
        Consistency.awaitConsistent(ledger, SEATS, Duration.ofSeconds(90));
    }

    private static LibertyServer server(String service) {
        return TheSystem.get().server(service);
    }
}
