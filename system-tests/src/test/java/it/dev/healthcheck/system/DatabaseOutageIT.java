package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.healthcheck.system.LibertyServer;
import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.Consistency;
import it.dev.healthcheck.system.support.DerbyNetwork;
import it.dev.healthcheck.system.support.Ledger;
import it.dev.healthcheck.system.support.NothingDeadLettered;
import it.dev.healthcheck.system.support.TheSystem;
import it.dev.healthcheck.system.support.Traffic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: the shared database of two replicas of a consumer is away for minutes while saga events keep
 * arriving for them. delivery runs as two servers here (on delivery's own port and another, sharing its
 * durable subscription, as two pods do in Kubernetes), both on one Derby network server logged in as
 * delivery, and that server's process is killed and kept away for two minutes under a stream of bookings
 * and cancellations. Every event delivery meanwhile fails on either replica and is redelivered with
 * growing pauses; none may reach the dead-letter address, and once the database is back every mail-out
 * is there, once; a request to either replica meanwhile is answered 503 database-unavailable with
 * Retry-After, not 500. Then a quick restart of the Derby server: the first request after it, on each
 * replica, must not get a dead pooled connection (a 500).
 */
@ExtendWith({TheSystem.class, NothingDeadLettered.class})
class DatabaseOutageIT {

    private static final long SCHEDULE_ID = 160;
    private static final int SEATS = 100_000;
    private static final int DERBY_PORT = 1529;
    private static final int SECOND_REPLICA_PORT = 8093;
    /** How long the database is away; -Doutage.seconds=… for a longer one. */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("outage.seconds", 120));
    /** Time to notice, and to catch up after the return: the longest pause between redeliveries is 60 s. */
    private static final Duration NOTICED = Duration.ofSeconds(30);
    private static final Duration CAUGHT_UP = Duration.ofMinutes(3);

    @TempDir
    Path databases;

    @Test
    void eventsWaitingForTwoReplicasWhoseSharedDatabaseIsAwayForMinutesAreAllAppliedWhenItReturns() throws Exception {
        var system = TheSystem.get();
        LibertyServer delivery = system.server("delivery");
        var derby = DerbyNetwork.start(databases, DERBY_PORT);
        // The first replica takes delivery's port: the rest of the system sees no difference.
        var replicas = List.of(
                delivery.replica("delivery-replica-a", delivery.port(), derby.environmentOf("delivery")),
                delivery.replica("delivery-replica-b", SECOND_REPLICA_PORT, derby.environmentOf("delivery")));
        delivery.stop();
        try {
            // Together, as a Deployment's replicas start: one applies the changelog under its lock, the other
            // waits for it and finds it applied (ScheduleReplicasIT).
            LibertyServer.startAll(replicas);
            var ledger = Ledger.forNewSchedule(SCHEDULE_ID, SEATS);
            try (var traffic = Traffic.start(ledger, 1)) {
                await().atMost(NOTICED).until(() -> ledger.booked().size() >= 5);

                derby.kill();
                int bookedBeforeOutage = ledger.booked().size();
                long stoppedAt = System.nanoTime();
                System.out.println("DatabaseOutageIT: the replicas' Derby server stopped; " + ledger);
                await().atMost(NOTICED).until(() -> replicas.stream().noneMatch(LibertyServer::isReady));
                // The outage itself: both replicas stay without their database all along, and their events keep failing.
                await().during(OUTAGE.minus(Duration.ofNanos(System.nanoTime() - stoppedAt)))
                        .atMost(OUTAGE.plus(NOTICED)).until(() -> replicas.stream().noneMatch(LibertyServer::isReady));
                assertThat(failedDeliveries(replicas)).as("deliveries that failed on each replica while the database was away")
                        .allMatch(failures -> failures > 0);
                // What a caller of the replicas' own API is told meanwhile: not a defect of ours (500), a 503 to try again.
                long booked = ledger.booked().iterator().next();
                for (LibertyServer replica : replicas) {
                    var answer = Api.as("admin").get(replica.port(), "/deliveries/" + booked);
                    assertThat(answer.status()).as(replica.name() + " without its database: " + answer).isEqualTo(503);
                    assertThat(answer.json().getString("type")).isEqualTo("urn:healthcheck:problem:database-unavailable");
                    assertThat(answer.retryAfter()).as("Retry-After").isEqualTo("5");
                }
                System.out.println("DatabaseOutageIT: database away for "
                        + Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds() + " s, " + failedDeliveries(replicas)
                        + " failed deliveries on the two replicas; " + ledger);

                assertThat(ledger.booked().size() - bookedBeforeOutage).as("bookings acknowledged while delivery's database was away")
                        .isGreaterThan(100);
                derby.start();
                await().atMost(NOTICED).until(() -> replicas.stream().allMatch(LibertyServer::isReady));
            }
            System.out.println("DatabaseOutageIT: database back; " + ledger);
            // Booking never asks delivery: its answers are 201, or 503 when schedule is slower than reservation's
            // 1 s timeout on this loaded machine (1 of 1 487 in one run), the contract's "try again later".
            assertThat(ledger.bookingAnswers().keySet()).as("bookings never needed delivery's database").isSubsetOf(201, 503);
            Consistency.awaitConsistent(ledger, SEATS, CAUGHT_UP);

            // A short restart with nobody asking in between: the pools hold connections to the old server.
            long bookedBefore = ledger.booked().stream().mapToLong(Long::longValue).max().orElseThrow();
            derby.kill();
            derby.start();
            for (LibertyServer replica : replicas) {
                var firstAnswer = Api.as("admin").get(replica.port(), "/deliveries/" + bookedBefore);
                assertThat(firstAnswer.status()).as(replica.name() + "'s first request after the database restarted: "
                        + firstAnswer).isEqualTo(200);
            }
        } finally {
            LibertyServer.stopAll(replicas);
            replicas.forEach(LibertyServer::remove);
            delivery.start();
            derby.close();
        }
    }

    /** Per replica, as its /metrics counts them: "[12, 9]". */
    private static List<Integer> failedDeliveries(List<LibertyServer> replicas) {
        return replicas.stream().map(r -> r.metric("healthcheck_event_failures_total").orElse(0.0).intValue()).toList();
    }
}
