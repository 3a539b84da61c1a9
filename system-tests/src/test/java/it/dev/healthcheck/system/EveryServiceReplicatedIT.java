package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.healthcheck.system.LibertyServer;
import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.Consistency;
import it.dev.healthcheck.system.support.DerbyNetwork;
import it.dev.healthcheck.system.support.Ledger;
import it.dev.healthcheck.system.support.NothingDeadLettered;
import it.dev.healthcheck.system.support.ReplicatedSystem;
import it.dev.healthcheck.system.support.ServerLogs;
import it.dev.healthcheck.system.support.TheSystem;
import it.dev.healthcheck.system.support.Traffic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: every service runs as two replicas at once (eight servers), each pair on its service's database
 * in one Derby network server, all on the one broker, clients and reservation reaching them through
 * round-robin Services ({@link ReplicatedSystem}). Bookings race on both replicas of reservation and of
 * schedule; both replicas of every service run their outbox relay, retention, sweep and reconciliation
 * over the same rows. Then one replica of each service is killed with {@code kill -9} in turn under
 * bookings and cancellations and started again. The saga must stay exact, and the replicas must not trip
 * over each other: their logs are read at the end for errors and unexpected warnings.
 */
@ExtendWith({TheSystem.class, NothingDeadLettered.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryServiceReplicatedIT {

    private static final int DERBY_PORT = 1532;
    private static final List<Long> RACED_SCHEDULES = List.of(260L, 261L);
    private static final int SEATS = 100;
    private static final int BOOKINGS = 1_000;
    private static final long KILLED_SCHEDULE = 262;
    private static final int KILLED_SEATS = 100_000;

    /**
     * What a replica's start explains: Liberty's readiness answering DOWN while its application starts, and
     * EclipseLink's create-or-extend-tables failing to add a constraint the database already has (a second
     * replica of reservation, or a restart, on an existing database).
     */
    private static final List<Pattern> STARTING = List.of(
            Pattern.compile(" W \\S+: CWMMH0053W: "),
            Pattern.compile(" W eclipselink: CWWJP9991W: .* \\| Internal Exception: .*Constraints '\\w+' and '\\w+' have the same set of columns"));
    /**
     * What a kill of a neighbour explains: reservation's booking attempts that found schedule's replica
     * gone (answered 503, Retry-After), an attempt cut short by reservation's own kill abandoned by the
     * sweep, and reconciliation's repairs of what a kill interrupted, or its round cut short by the kill of
     * the reservation replica it asked.
     */
    private static final List<Pattern> KILLED = List.of(
            Pattern.compile("reservation-\\d W \\S+BookingService: booking attempt \\d+ of reservation \\d+ failed: "
                    + "\\S+ScheduleUnavailableException"),
            Pattern.compile("reservation-\\d W \\S+Problem: refused 503 urn:healthcheck:problem:schedule-unavailable "),
            Pattern.compile("reservation-\\d W \\S+PendingBookings: booking attempt \\d+ of reservation \\d+ was cut short"),
            Pattern.compile("(schedule|delivery)-\\d W \\S+Reconciliation: reconciled "),
            Pattern.compile("(schedule|delivery)-\\d W \\S+Reconciliation: reconciliation failed, retrying next round: "
                    + "jakarta.ws.rs.ProcessingException"));
    /**
     * NOT FIXED, reported (issue 18): mypage applies a booking's reservation events and its delivery events
     * from two subscriptions, each in its own message group, so a Reserved and a DeliveryStarted (or the two
     * cancellations) can still be applied at once and collide on the MYPAGE_ROW row (a duplicate key, or a
     * deadlock Derby breaks); the loser is rolled back and redelivered, with Liberty's error stack. Allowed
     * here only on mypage, and only as that collision.
     */
    private static final List<Pattern> MYPAGE_ROW_COLLISIONS = List.of(
            Pattern.compile("mypage-\\d W eclipselink: CWWJP9991W: .* \\| Internal Exception: .*(duplicate key .* on 'MYPAGE_ROW'"
                    + "|A lock could not be obtained due to a deadlock)"),
            Pattern.compile("mypage-\\d E \\S+: (CNTR0020E: EJB threw .* on bean \"BeanId\\(mypage#mypage.war#\\w+EventsListener"
                    + "|WTRN0074E: Exception caught from before_completion|WLTC0017E: |AMQ154004: Failed to deliver message)"),
            Pattern.compile("mypage-\\d W \\S+: AMQ212009: resetting session after failure"),
            Pattern.compile("mypage-\\d W \\S+FailedDeliveries: \\w+EventsListener failed on \\w+ .* delivery 1 of 50"));

    @TempDir
    static Path databases;
    private static DerbyNetwork derby;
    private static ReplicatedSystem replicated;

    @BeforeAll
    static void twoReplicasOfEveryService() throws Exception {
        long began = System.nanoTime();
        derby = DerbyNetwork.start(databases, DERBY_PORT);
        replicated = ReplicatedSystem.start(TheSystem.get(), derby);
        System.out.println("EveryServiceReplicatedIT: eight replicas ready after "
                + Duration.ofNanos(System.nanoTime() - began).toSeconds() + " s");
    }

    @AfterAll
    static void theSystemsOwnServersAgain() throws Exception {
        try {
            if (replicated != null) {
                replicated.close();
            }
        } finally {
            if (derby != null) {
                derby.close();
            }
        }
    }

    @Test
    @Order(1)
    void aThousandSimultaneousBookingsThroughBothReplicasTakeExactlyTheTwoHundredSeats() throws Exception {
        var customers = List.of(Api.as("alice"), Api.as("bob"));
        List<Ledger> ledgers = new ArrayList<>();
        List<Callable<Integer>> bookings = new ArrayList<>();
        for (long scheduleId : RACED_SCHEDULES) {
            var ledger = Ledger.forNewSchedule(scheduleId, SEATS);
            ledgers.add(ledger);
            for (int i = 1; i <= BOOKINGS / RACED_SCHEDULES.size(); i++) {
                long reservationId = scheduleId * 1_000 + i;
                Api customer = customers.get(i % 2);
                bookings.add(() -> ledger.book(customer, reservationId, 1));
            }
        }
        // One thread per booking: all thousand in flight together, spread over both reservation replicas.
        ExecutorService clients = Executors.newFixedThreadPool(BOOKINGS);
        List<Integer> answers = new ArrayList<>();
        long began = System.nanoTime();
        try {
            for (Future<Integer> answer : clients.invokeAll(bookings)) {
                answers.add(answer.get());
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.println("EveryServiceReplicatedIT: " + BOOKINGS + " bookings answered in "
                + Duration.ofNanos(System.nanoTime() - began).toMillis() + " ms; " + ledgers);

        assertThat(answers).as("every answer is 201 or 409").containsOnly(201, 409);
        assertThat(answers.stream().filter(status -> status == 201)).hasSize(SEATS * RACED_SCHEDULES.size());
        for (Ledger ledger : ledgers) {
            assertThat(Consistency.awaitConsistent(ledger, SEATS, Duration.ofMinutes(2))).hasSize(SEATS);
        }
        var explained = new ArrayList<>(STARTING);
        explained.addAll(MYPAGE_ROW_COLLISIONS);
        assertNoReplicaTrippedOverAnother(explained);
    }

    @Test
    @Order(2)
    void killingOneReplicaOfEachServiceInTurnLosesNothingAndDoesNothingTwice() throws Exception {
        var ledger = Ledger.forNewSchedule(KILLED_SCHEDULE, KILLED_SEATS);
        try (var traffic = Traffic.start(ledger, 4)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.booked().size() >= 5);
            int turn = 0;
            for (String service : ReplicatedSystem.SERVICES) {
                // the first replica of one service, the second of the next: each replica's log sees a kill or a neighbour's
                LibertyServer victim = replicated.replicasOf(service).get(turn++ % 2);
                victim.kill();
                System.out.println("EveryServiceReplicatedIT: killed " + victim.name() + " -9; " + ledger);
                victim.start();
                System.out.println("EveryServiceReplicatedIT: " + victim.name() + " is back; " + ledger);
            }
        }
        System.out.println("EveryServiceReplicatedIT: " + ledger);

        assertThat(ledger.booked()).as("bookings acknowledged").hasSizeGreaterThan(20);
        var found = Consistency.awaitConsistent(ledger, KILLED_SEATS, Duration.ofMinutes(10));
        System.out.println("EveryServiceReplicatedIT: " + found.size() + " reservations found, "
                + found.values().stream().filter(Consistency.Booking::isActive).count() + " active");
        var explained = new ArrayList<>(STARTING);
        explained.addAll(KILLED);
        explained.addAll(MYPAGE_ROW_COLLISIONS);
        assertNoReplicaTrippedOverAnother(explained);
    }

    /**
     * Errors and warnings of the replicas: each one explained by a replica starting or being killed (the
     * patterns given), and none of the work a kill leaves behind done twice (each cut-short booking
     * abandoned once, each repair made once, whichever replica does it). Printed first: they are the
     * evidence when this fails.
     */
    private static void assertNoReplicaTrippedOverAnother(List<Pattern> explained) {
        var noteworthy = ServerLogs.of(replicated.all()).stream()
                .filter(entry -> List.of("E", "W").contains(entry.level())).toList();
        noteworthy.forEach(entry -> System.out.println("EveryServiceReplicatedIT log: " + entry));
        assertThat(noteworthy).as("errors and warnings that neither a start nor a kill explains")
                .allMatch(entry -> explained.stream().anyMatch(pattern -> pattern.matcher(entry.toString()).find()));
        assertThat(noteworthy.stream().map(ServerLogs.Entry::text)
                .filter(text -> text.contains(" was cut short") || text.startsWith("reconciled ")).toList())
                .as("work left by a kill, done by more than one replica").doesNotHaveDuplicates();
    }
}
