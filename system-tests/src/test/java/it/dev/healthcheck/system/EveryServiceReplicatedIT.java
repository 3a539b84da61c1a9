package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.healthcheck.system.LibertyServer;
import dev.healthcheck.system.LocalSystem;
import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.Consistency;
import it.dev.healthcheck.system.support.DerbyNetwork;
import it.dev.healthcheck.system.support.Ledger;
import it.dev.healthcheck.system.support.NothingDeadLettered;
import it.dev.healthcheck.system.support.ReplicatedSystem;
import it.dev.healthcheck.system.support.ServerLogs;
import it.dev.healthcheck.system.support.ServiceDatabases;
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
 * with its service's login (the system's PostgreSQL in the pass on PostgreSQL, where the build runs it; a
 * Derby network server of its own when chosen alone without {@code -Ddb=postgresql}), all on the one
 * broker, clients and reservation reaching them through round-robin Services ({@link ReplicatedSystem}). Bookings race on both replicas of reservation and of
 * schedule; both replicas of every service run their outbox relay, retention, sweep and reconciliation
 * over the same rows. Then one replica of each service is killed with {@code kill -9} in turn under
 * bookings and cancellations, the survivor carrying them; the four are started again together, and
 * bookings and cancellations go on through all eight. The saga must stay exact, and the replicas must not trip
 * over each other: their logs are read at the end for errors and unexpected warnings.
 */
@ExtendWith({TheSystem.class, NothingDeadLettered.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryServiceReplicatedIT {

    private static final int DERBY_PORT = 1532;
    private static final List<Long> RACED_SCHEDULES = List.of(260L, 261L);
    private static final int SEATS = 100;
    private static final int BOOKINGS = 1_000;
    private static final Duration BURST_WAIT = Duration.ofMinutes(2);
    private static final long KILLED_SCHEDULE = 262;
    private static final long RESTARTED_SCHEDULE = 263;
    private static final int KILLED_SEATS = 100_000;

    /**
     * A reconciliation round that got no answer from reservation, or none within its time-out: reservation
     * working through the thousand bookings (seen in every run), or its replica killed. The next round repeats it.
     */
    private static final String RECONCILIATION_UNANSWERED = "(schedule|delivery)-\\d W \\S+Reconciliation: reconciliation "
            + "failed, retrying next round: (jakarta.ws.rs.ProcessingException|org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException)";
    /** What a replica's start explains: Liberty's readiness answering DOWN while its application starts. */
    private static final List<Pattern> STARTING = List.of(Pattern.compile(" W \\S+: CWMMH0053W: "));
    /**
     * What a kill of a neighbour explains: reservation's booking attempts that found schedule's replica
     * gone (answered 503, Retry-After), an attempt cut short by reservation's own kill abandoned by the
     * sweep, and reconciliation's repairs of what a kill interrupted, or its round cut short by the kill of
     * the reservation replica it asked (no answer, or none within its time-out).
     */
    private static final List<Pattern> KILLED = List.of(
            Pattern.compile("reservation-\\d W \\S+BookingService: booking attempt \\d+ of reservation \\d+ failed: "
                    + "\\S+ScheduleUnavailableException"),
            Pattern.compile("reservation-\\d W \\S+Problem: refused 503 urn:healthcheck:problem:schedule-unavailable "),
            Pattern.compile("reservation-\\d W \\S+PendingBookings: booking attempt \\d+ of reservation \\d+ was cut short"),
            Pattern.compile("(schedule|delivery)-\\d W \\S+Reconciliation: reconciled "),
            Pattern.compile(RECONCILIATION_UNANSWERED));
    @TempDir
    static Path derbyFiles;
    private static DerbyNetwork derby;
    private static ReplicatedSystem replicated;

    @BeforeAll
    static void twoReplicasOfEveryService() throws Exception {
        long began = System.nanoTime();
        LocalSystem system = TheSystem.get();
        ServiceDatabases databases;
        if (system.runsOnPostgreSql()) {
            // the system's own database and login per service, as a cluster's replicas share them
            databases = system.postgreSql()::environmentOf;
        } else {
            derby = DerbyNetwork.start(derbyFiles, DERBY_PORT);
            databases = derby;
        }
        replicated = ReplicatedSystem.start(system, databases);
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
        // Eight servers, PostgreSQL and the broker on two cores answer about 30 bookings a second: the last of
        // a thousand sent at once wait longer than a client's usual 30 s, which would count them unanswered.
        var customers = List.of(Api.as("alice").waitingUpTo(BURST_WAIT), Api.as("bob").waitingUpTo(BURST_WAIT));
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
        System.out.println("EveryServiceReplicatedIT: " + replicated.unforwarded());

        assertThat(answers).as("every answer is 201 or 409").containsOnly(201, 409);
        assertThat(answers.stream().filter(status -> status == 201)).hasSize(SEATS * RACED_SCHEDULES.size());
        for (Ledger ledger : ledgers) {
            assertThat(Consistency.awaitConsistent(ledger, SEATS, Duration.ofMinutes(2))).hasSize(SEATS);
        }
        var explained = new ArrayList<>(STARTING);
        explained.add(Pattern.compile(RECONCILIATION_UNANSWERED));
        assertNoReplicaTrippedOverAnother(explained);
    }

    @Test
    @Order(2)
    void killingOneReplicaOfEachServiceInTurnLosesNothingAndDoesNothingTwice() throws Exception {
        var ledger = Ledger.forNewSchedule(KILLED_SCHEDULE, KILLED_SEATS);
        List<LibertyServer> killed = new ArrayList<>();
        try (var traffic = Traffic.start(ledger, 4)) {
            awaitMoreBookings(ledger, 5);
            int turn = 0;
            for (String service : ReplicatedSystem.SERVICES) {
                // the first replica of one service, the second of the next: each replica's log sees a kill or a neighbour's
                LibertyServer victim = replicated.replicasOf(service).get(turn++ % 2);
                victim.kill();
                killed.add(victim);
                System.out.println("EveryServiceReplicatedIT: killed " + victim.name() + " -9; " + ledger);
                // the surviving replica carries the bookings before the next service loses one
                awaitMoreBookings(ledger, 5);
            }
        }
        // Started together once the load is off: on two cores a start under it took over 3 minutes.
        LibertyServer.startAll(killed);
        System.out.println("EveryServiceReplicatedIT: " + killed.stream().map(LibertyServer::name).toList()
                + " are back; " + ledger);
        // then through all eight, the restarted replicas too, on a schedule of its own
        var afterwards = Ledger.forNewSchedule(RESTARTED_SCHEDULE, KILLED_SEATS);
        try (var traffic = Traffic.start(afterwards, 4)) {
            awaitMoreBookings(afterwards, 20);
        }
        System.out.println("EveryServiceReplicatedIT: " + ledger + "; afterwards " + afterwards);

        assertThat(ledger.booked()).as("bookings acknowledged").hasSizeGreaterThan(20);
        for (Ledger each : List.of(ledger, afterwards)) {
            var found = Consistency.awaitConsistent(each, KILLED_SEATS, Duration.ofMinutes(10));
            System.out.println("EveryServiceReplicatedIT: schedule " + each.scheduleId() + ": " + found.size()
                    + " reservations found, " + found.values().stream().filter(Consistency.Booking::isActive).count() + " active");
        }
        var explained = new ArrayList<>(STARTING);
        explained.addAll(KILLED);
        assertNoReplicaTrippedOverAnother(explained);
    }

    private static void awaitMoreBookings(Ledger ledger, int more) {
        int before = ledger.booked().size();
        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.booked().size() >= before + more);
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
