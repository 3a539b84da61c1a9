package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthcheck.system.LibertyServer;
import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.DerbyNetwork;
import it.dev.healthcheck.system.support.TheSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: the same 100 seats sold through two schedule replicas at once. Two more schedule servers share
 * one Derby network server, logged in as schedule, as replicas do in Kubernetes, and 500 one-seat holds
 * arrive split between them, all in flight together; then half of the winners release theirs, also
 * split. The database row lock, not either JVM, must keep the count: exactly 100 holds, 0 seats, and
 * every release counted once. No other service's login reaches the replicas' database. The two start at
 * once on an empty database: one applies the schema's changelog, the other waits for it and applies nothing.
 *
 * <p>The replicas are pointed at a closed broker port on purpose: they share the schedule service's
 * durable subscription name, and must not take the main system's cancellations. Their events wait in
 * their outbox, which is all this test needs of them.
 */
@ExtendWith(TheSystem.class)
class ScheduleReplicasIT {

    private static final int DERBY_PORT = 1528;
    private static final int REPLICA_A = 8091;
    private static final int REPLICA_B = 8092;
    private static final long SCHEDULE_ID = 80;
    private static final int SEATS = 100;
    private static final int HOLDS = 500;

    @TempDir
    static Path databases;
    private static DerbyNetwork derby;
    private static final List<LibertyServer> replicas = new ArrayList<>();

    @BeforeAll
    static void twoReplicasOnOneNetworkDatabase() throws Exception {
        var system = TheSystem.get();
        derby = DerbyNetwork.start(databases, DERBY_PORT);
        var network = new HashMap<>(derby.environmentOf("schedule"));
        network.put("ARTEMIS_PORT", "61699");
        var schedule = system.server("schedule");
        replicas.add(schedule.replica("schedule-replica-a", REPLICA_A, network));
        replicas.add(schedule.replica("schedule-replica-b", REPLICA_B, network));
        // Both at once on an empty database: Liquibase's lock lets one apply the changelog while the other waits.
        CompletableFuture.allOf(replicas.stream()
                .map(replica -> CompletableFuture.runAsync(replica::startWithoutAwaitingReadiness))
                .toArray(CompletableFuture[]::new)).join();
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        LibertyServer.stopAll(replicas);
        replicas.forEach(LibertyServer::remove);
        if (derby != null) {
            derby.close();
        }
    }

    @Test
    void fiveHundredHoldsThroughTwoReplicasTakeExactlyTheHundredSeatsAndEveryReleaseCountsOnce() throws Exception {
        assertThat(Api.as("admin").post(REPLICA_A, "/schedules", Map.of("scheduleId", SCHEDULE_ID, "availableCount", SEATS))
                .status()).isEqualTo(201);
        assertThat(availableSeats(REPLICA_B)).as("the other replica sees the same schedule").isEqualTo(SEATS);
        var service = Api.asService();

        List<Integer> holds = allAtOnce(HOLDS, i -> service.put(replica(i), seatHold(i), Map.of("count", 1, "attempt", 1))
                .status());
        List<Long> holders = new ArrayList<>();
        for (int i = 0; i < HOLDS; i++) {
            if (holds.get(i) == 201) {
                holders.add((long) i);
            }
        }
        System.out.println("ScheduleReplicasIT: " + holders.size() + " holds taken, "
                + holds.stream().filter(s -> s == 409).count() + " refused, of " + HOLDS);
        assertThat(holds).as("every answer is 201 or 409").containsOnly(201, 409);
        assertThat(holders).hasSize(SEATS);
        assertThat(availableSeats(REPLICA_A)).isZero();
        assertThat(availableSeats(REPLICA_B)).isZero();

        // Every other winner gives its seat back, through the other replica than the one it booked on.
        List<Long> releasing = holders.stream().filter(i -> i % 2 == 0).toList();
        List<Integer> releases = allAtOnce(releasing.size(), k -> {
            long i = releasing.get(k);
            return service.delete(replica(i + 1), seatHold(i)).status();
        });
        assertThat(releases).containsOnly(204);
        assertThat(availableSeats(REPLICA_A)).isEqualTo(releasing.size());
        assertThat(availableSeats(REPLICA_B)).isEqualTo(releasing.size());
        System.out.println("ScheduleReplicasIT: " + releasing.size() + " released, seats left "
                + availableSeats(REPLICA_A));
    }

    @Test
    void theReplicasTablesAreSchedulesOwnAndAnotherServicesLoginCannotReachThem() throws SQLException {
        assertThat(Api.as("admin").get(REPLICA_A, "/schedules").status()).as("a replica at work on its tables").isEqualTo(200);
        try (var own = derby.connect("schedule", "schedule", derby.passwordOf("schedule"));
             var tables = own.getMetaData().getTables(null, "SCHEDULE", "SCHEDULE", null)) {
            assertThat(tables.next()).as("the replicas' table, in the schema of schedule's login").isTrue();
        }
        for (String other : List.of("reservation", "delivery", "mypage")) {
            assertThatThrownBy(() -> derby.connect("schedule", other, derby.passwordOf(other)).close())
                    .as(other + "'s login on schedule's database")
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage()).contains("connection refused"));
        }
    }

    @Test
    void startingTogetherOnAnEmptyDatabaseOneReplicaAppliesTheChangelogAndTheOtherFindsItApplied() throws Exception {
        List<String> applied = new ArrayList<>();
        try (var own = derby.connect("schedule", "schedule", derby.passwordOf("schedule"));
             var query = own.createStatement();
             var rows = query.executeQuery("SELECT ID, EXECTYPE FROM SCHEDULE.DATABASECHANGELOG")) {
            while (rows.next()) {
                applied.add(rows.getString(1) + " " + rows.getString(2));
            }
        }
        assertThat(applied).as("each change set run once, none marked as found").containsExactlyInAnyOrder(
                "1-outbox-message EXECUTED", "2-outbox-message-group EXECUTED", "1-applied-event EXECUTED",
                "2-applied-event-applied-at EXECUTED", "1-schedule EXECUTED", "2-seat-hold EXECUTED", "1-job-lease EXECUTED");
        Map<String, Long> ranOnEach = new HashMap<>();
        for (LibertyServer replica : replicas) {
            String log = logOf(replica);
            ranOnEach.put(replica.name(), Pattern.compile("ChangeSet \\S+ ran successfully").matcher(log).results().count());
            assertThat(log).as(replica.name() + " brought its schema up to date before serving").contains("Schema up to date");
        }
        System.out.println("ScheduleReplicasIT: change sets run on each replica " + ranOnEach + "; waited for the lock: "
                + replicas.stream().filter(r -> logOf(r).contains("Waiting for changelog lock")).map(LibertyServer::name).toList());
        assertThat(ranOnEach.values()).as("change sets run on each replica").containsExactlyInAnyOrder(7L, 0L);
    }

    private static String logOf(LibertyServer replica) {
        try {
            return Files.readString(replica.messagesLog());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int replica(long i) {
        return i % 2 == 0 ? REPLICA_A : REPLICA_B;
    }

    private static String seatHold(long i) {
        return "/schedules/" + SCHEDULE_ID + "/seatHolds/" + (SCHEDULE_ID * 1_000 + i);
    }

    private static int availableSeats(int port) {
        return Api.as("admin").get(port, "/schedules/" + SCHEDULE_ID).json().getInt("availableCount");
    }

    /** One client thread per request, so that all of them are in flight together; answers in request order. */
    private static List<Integer> allAtOnce(int count, java.util.function.IntFunction<Integer> request) throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            calls.add(() -> request.apply(index));
        }
        var clients = Executors.newFixedThreadPool(count);
        try {
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> answer : clients.invokeAll(calls)) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            clients.shutdownNow();
        }
    }
}
