package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.healthcheck.system.LibertyServer;
import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.Consistency;
import it.dev.healthcheck.system.support.Ledger;
import it.dev.healthcheck.system.support.NothingDeadLettered;
import it.dev.healthcheck.system.support.TheSystem;
import it.dev.healthcheck.system.support.Traffic;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.derby.drda.NetworkServerControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: a consumer's database is away for minutes while saga events keep arriving for it. delivery
 * runs on a Derby network server here (in place of its embedded database, on delivery's own port and
 * subscription, as in Kubernetes), and that server's process is killed and kept away for two minutes
 * under a stream of bookings and cancellations. Every event delivery meanwhile fails and is redelivered with growing
 * pauses; none may reach the dead-letter address, and once the database is back every mail-out is
 * there, once. Then a quick restart of the Derby server: the first request after it must not get a
 * dead pooled connection (a 500).
 */
@ExtendWith({TheSystem.class, NothingDeadLettered.class})
class DatabaseOutageIT {

    private static final long SCHEDULE_ID = 160;
    private static final int SEATS = 100_000;
    private static final int DERBY_PORT = 1529;
    /** How long the database is away; -Doutage.seconds=… for a longer one. */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("outage.seconds", 120));
    /** Time to notice, and to catch up after the return: the longest pause between redeliveries is 60 s. */
    private static final Duration NOTICED = Duration.ofSeconds(30);
    private static final Duration CAUGHT_UP = Duration.ofMinutes(3);

    @TempDir
    Path databases;

    @Test
    void eventsWaitingForAConsumerWhoseDatabaseIsAwayForMinutesAreAllAppliedWhenItReturns() throws Exception {
        var system = TheSystem.get();
        LibertyServer delivery = system.server("delivery");
        Process derby = startDerby();
        // The stand-in takes delivery's port and durable subscription: the rest of the system sees no difference.
        LibertyServer onNetwork = delivery.replica("delivery-network-db", delivery.port(), Map.of("DB_MODE", "network",
                "DB_HOST", "127.0.0.1", "DB_PORT", String.valueOf(DERBY_PORT), "DB_NAME", databases.resolve("delivery").toString(),
                "DB_USER", "delivery", "DB_PASSWORD", "unused"));
        delivery.stop();
        try {
            onNetwork.start();
            var ledger = Ledger.forNewSchedule(SCHEDULE_ID, SEATS);
            try (var traffic = Traffic.start(ledger, 1)) {
                await().atMost(NOTICED).until(() -> ledger.booked().size() >= 5);

                derby.destroyForcibly().waitFor();
                long stoppedAt = System.nanoTime();
                System.out.println("DatabaseOutageIT: delivery's Derby server stopped; " + ledger);
                await().atMost(NOTICED).until(() -> !onNetwork.isReady());
                // The outage itself: delivery stays without its database all along, and its events keep failing.
                await().during(OUTAGE.minus(Duration.ofNanos(System.nanoTime() - stoppedAt)))
                        .atMost(OUTAGE.plus(NOTICED)).until(() -> !onNetwork.isReady());
                assertThat(onNetwork.metric("healthcheck_event_failures_total"))
                        .as("deliveries that failed while the database was away")
                        .hasValueSatisfying(failures -> assertThat(failures).isGreaterThan(0));
                System.out.println("DatabaseOutageIT: database away for "
                        + Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds() + " s, "
                        + onNetwork.metric("healthcheck_event_failures_total").orElseThrow().intValue()
                        + " failed deliveries; " + ledger);

                derby = startDerby();
                await().atMost(NOTICED).until(onNetwork::isReady);
            }
            System.out.println("DatabaseOutageIT: database back; " + ledger);
            assertThat(ledger.bookingAnswers().keySet()).as("bookings never needed delivery's database").containsOnly(201);
            Consistency.awaitConsistent(ledger, SEATS, CAUGHT_UP);

            // A short restart with nobody asking in between: the pool holds connections to the old server.
            long bookedBefore = ledger.booked().stream().mapToLong(Long::longValue).max().orElseThrow();
            derby.destroyForcibly().waitFor();
            derby = startDerby();
            var firstAnswer = Api.as("admin").get(onNetwork.port(), "/deliveries/" + bookedBefore);
            assertThat(firstAnswer.status()).as("first request after the database restarted: " + firstAnswer)
                    .isEqualTo(200);
        } finally {
            onNetwork.stop();
            onNetwork.remove();
            delivery.start();
            derby.destroyForcibly().waitFor();
        }
    }

    /** A Derby network server in a process of its own, as a database server is; answering when this returns. */
    private Process startDerby() throws Exception {
        var derby = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dderby.system.home=" + databases,
                "org.apache.derby.drda.NetworkServerControl", "start", "-h", "127.0.0.1", "-p", String.valueOf(DERBY_PORT))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(databases.resolve("derby-server.log").toFile()))
                .start();
        var control = new NetworkServerControl(InetAddress.getLoopbackAddress(), DERBY_PORT);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(control::ping);
        return derby;
    }
}
