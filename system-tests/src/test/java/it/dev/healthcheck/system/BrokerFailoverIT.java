package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.healthcheck.system.BrokerPair;
import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.Broker;
import it.dev.healthcheck.system.support.Consistency;
import it.dev.healthcheck.system.support.Ledger;
import it.dev.healthcheck.system.support.NothingDeadLettered;
import it.dev.healthcheck.system.support.TheSystem;
import it.dev.healthcheck.system.support.Traffic;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault: the live broker of a replicating primary/backup pair is killed with SIGKILL under bookings and
 * cancellations. The backup takes over and every service follows it: events flow again end to end within
 * 30 s (a booking acknowledged after the kill reaches MyPage), and nothing the outboxes handed over is
 * lost or applied twice. Then the primary is started again and becomes the backup's backup (no failback),
 * while events go on flowing through the backup. The servers run on the pair for this test alone, on the
 * single broker again after it.
 */
@ExtendWith({TheSystem.class, NothingDeadLettered.class})
class BrokerFailoverIT {

    private static final long SCHEDULE_ID = 250;
    private static final int SEATS = 100_000;
    private static final List<String> SERVICES = List.of("schedule", "reservation", "delivery", "mypage");
    /** What the pair promises (docs/kubernetes.md): the backup live and events flowing within this of a kill. */
    private static final Duration TAKEOVER = Duration.ofSeconds(30);

    /** Sends timed on the single broker and on the pair: what replication adds to each event the relay sends. */
    private static final int SENDS = 1_000;

    private static BrokerPair pair;

    @BeforeAll
    static void onAPairOfBrokers() {
        Duration single = Broker.persistentSends(SENDS);
        pair = TheSystem.get().useBrokerPair();
        Duration replicated = Broker.persistentSends(SENDS);
        System.out.printf("BrokerFailoverIT: %d persistent sends took %d ms on the single broker, %d ms on the pair%n",
                SENDS, single.toMillis(), replicated.toMillis());
    }

    @AfterAll
    static void backToOneBroker() {
        TheSystem.get().useSingleBroker();
    }

    @Test
    void killingTheLiveBrokerMovesEveryServiceToTheBackupWithinSecondsAndLosesNothing() {
        var ledger = Ledger.forNewSchedule(SCHEDULE_ID, SEATS);
        try (var traffic = Traffic.start(ledger, 4)) {
            await().atMost(TAKEOVER).until(() -> ledger.booked().size() >= 20);
            assertThat(pair.backup().acceptsConnections()).as("the backup, before the kill, only replicates").isFalse();

            pair.primary().kill();
            long killedAt = System.nanoTime();
            System.out.println("BrokerFailoverIT: primary killed -9; " + ledger);

            await().atMost(TAKEOVER).until(pair.backup()::acceptsConnections);
            Duration backupLive = since(killedAt);
            Duration eventsFlowing = untilABookingMadeNowReachesMyPage(ledger, killedAt);
            await().atMost(TAKEOVER).untilAsserted(() -> SERVICES.forEach(service ->
                    assertThat(TheSystem.get().server(service).isConnectedToBroker()).as(service + " connected").isTrue()));
            System.out.printf("BrokerFailoverIT: after the kill, the backup live after %d ms, events flowing end to end "
                    + "after %d ms, every service connected after %d ms; %s%n", backupLive.toMillis(),
                    eventsFlowing.toMillis(), since(killedAt).toMillis(), ledger);
            assertThat(eventsFlowing).as("from the kill until a booking made after it reaches MyPage").isLessThan(TAKEOVER);

            long restartedAt = System.nanoTime();
            pair.restartPrimaryAsBackup();
            Duration replicating = since(restartedAt);
            Duration flowing = untilABookingMadeNowReachesMyPage(ledger, System.nanoTime());
            System.out.printf("BrokerFailoverIT: the primary restarted, a full replica of the backup after %d ms; "
                    + "a booking made then reached MyPage after %d ms; %s%n", replicating.toMillis(), flowing.toMillis(), ledger);
            assertThat(pair.backup().acceptsConnections()).as("the backup still live").isTrue();
            assertThat(pair.primary().acceptsConnections()).as("the restarted primary, only replicating").isFalse();
        }
        System.out.println("BrokerFailoverIT: " + ledger);

        assertThat(ledger.bookingAnswers().keySet()).as("answers: acknowledged, or refused with 503").isSubsetOf(201, 503);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> SERVICES.forEach(service ->
                assertThat(TheSystem.get().server(service).metric("healthcheck_outbox_backlog")).as(service + " outbox backlog")
                        .contains(0.0)));
        Consistency.awaitConsistent(ledger, SEATS, Duration.ofSeconds(90));
    }

    /**
     * Waits for a booking acknowledged after {@code since}, then until MyPage shows it (its events went
     * outbox, broker, delivery and mypage); returns the time from {@code since} until then.
     */
    private static Duration untilABookingMadeNowReachesMyPage(Ledger ledger, long since) {
        Set<Long> before = new HashSet<>(ledger.booked());
        long[] fresh = new long[1];
        await().atMost(TAKEOVER).until(() -> ledger.booked().stream().filter(id -> !before.contains(id)).findFirst()
                .map(id -> fresh[0] = id).isPresent());
        var admin = Api.as("admin");
        await().atMost(TAKEOVER).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.get(Api.MYPAGE, "/myPages/" + fresh[0]).status() == 200);
        return since(since);
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }
}
