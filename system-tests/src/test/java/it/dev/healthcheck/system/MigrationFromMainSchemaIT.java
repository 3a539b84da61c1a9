package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.healthcheck.system.LibertyServer;
import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.DerbyNetwork;
import it.dev.healthcheck.system.support.TheSystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: every service starts on a database made by the schema of main before the changelogs
 * ({@code schema/eclipselink-main-*.sql}, what EclipseLink's create-or-extend-tables made), holding rows
 * of its own. reservation's and delivery's databases lack the indexes and the unique constraint added
 * after their tables, as a database from before those changes does; schedule's and mypage's have them
 * all. Each server migrates its database at start: the missing indexes and constraint are made, the
 * tables taken as they are, the old rows still there, and a booking goes through.
 *
 * <p>One server per service on a Derby network server of its own (one login per service, as the chart
 * runs it), on a closed broker port: their events wait in their outbox, and the main system's
 * subscriptions stay untouched.
 */
@ExtendWith(TheSystem.class)
class MigrationFromMainSchemaIT {

    private static final int DERBY_PORT = 1531;
    private static final Map<String, Integer> PORTS = new LinkedHashMap<>(Map.of(
            "schedule", 8096, "reservation", 8097, "delivery", 8098, "mypage", 8099));
    /** Databases from before the later indexes and constraint. */
    private static final Set<String> WITHOUT_LATER_INDEXES = Set.of("reservation", "delivery");
    /** The change sets that create a table; every other one adds an index or a constraint. */
    private static final Set<String> TABLES = Set.of("1-outbox-message", "1-applied-event", "1-schedule", "2-seat-hold",
            "1-reservation", "1-delivery", "1-mypage-row");
    /** Change sets of tables and columns main's schema did not have yet: run on every database. */
    private static final Set<String> NEW_SINCE_MAIN = Set.of("1-job-lease", "4-mypage-booking-turn", "2-outbox-message-group");
    private static final Pattern NAMED = Pattern.compile("(?:CREATE INDEX|ADD CONSTRAINT) \"([^\"]+)\"");
    private static final long SCHEDULE_ID = 90;
    private static final long OLD_BOOKING = 9_001;

    @TempDir
    static Path databases;
    private static DerbyNetwork derby;
    private static final List<LibertyServer> servers = new ArrayList<>();

    @BeforeAll
    static void everyServiceOnADatabaseMadeByMain() throws Exception {
        var system = TheSystem.get();
        derby = DerbyNetwork.start(databases, DERBY_PORT);
        for (String service : PORTS.keySet()) {
            try (var database = login(service); var ddl = database.createStatement()) {
                for (String statement : fixture(service)) {
                    if (!WITHOUT_LATER_INDEXES.contains(service) || !addedLater(statement)) {
                        ddl.execute(statement);
                    }
                }
            }
        }
        oldRows();
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (var service : PORTS.entrySet()) {
            var environment = new HashMap<>(derby.environmentOf(service.getKey()));
            environment.put("ARTEMIS_PORT", "61699");
            environment.put("SCHEDULE_URL", "http://localhost:" + PORTS.get("schedule"));
            var server = system.server(service.getKey()).replica(service.getKey() + "-from-main", service.getValue(), environment);
            servers.add(server);
            starts.add(CompletableFuture.runAsync(server::startWithoutAwaitingReadiness));
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
    }

    @AfterAll
    static void stopServers() {
        LibertyServer.stopAll(servers);
        servers.forEach(LibertyServer::remove);
        if (derby != null) {
            derby.close();
        }
    }

    @Test
    void eachDatabaseEndsWithEveryIndexAndConstraintOfMainAndKeepsItsTables() throws Exception {
        for (String service : PORTS.keySet()) {
            Set<String> expected = new TreeSet<>();
            for (String statement : fixture(service)) {
                var name = NAMED.matcher(statement);
                if (name.find()) {
                    expected.add(name.group(1));
                }
            }
            try (var database = login(service)) {
                assertThat(indexesAndConstraints(database, service)).as(service + "'s indexes and constraints")
                        .isEqualTo(expected);
                String missing = WITHOUT_LATER_INDEXES.contains(service) ? "EXECUTED" : "MARK_RAN";
                assertThat(changeSets(database)).as(service + "'s change sets: the tables taken as they were, the"
                        + " indexes and constraints made only where they were missing").isNotEmpty()
                        .allSatisfy((id, how) -> assertThat(how).as(id).isEqualTo(
                                TABLES.contains(id) ? "MARK_RAN" : NEW_SINCE_MAIN.contains(id) ? "EXECUTED" : missing));
            }
        }
    }

    @Test
    void aBookingGoesThroughAndTheRowsOfMainAreStillRead() {
        var alice = Api.as("alice");
        assertThat(Api.as("admin").get(PORTS.get("schedule"), "/schedules/" + SCHEDULE_ID).json().getInt("availableCount"))
                .as("a schedule registered before the migration").isEqualTo(10);
        // Sent again on 503, as the answer asks: on a slow machine the first calls to a schedule server just
        // started can outlast reservation's 1 s timeout. The booking carries its id, so it is made once.
        var booking = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .until(() -> alice.post(PORTS.get("reservation"), "/reservations",
                        Map.of("reservationId", 9_002, "scheduleId", SCHEDULE_ID, "reservationCount", 2)),
                        answer -> answer.status() != 503);
        assertThat(booking.status()).as(booking.body()).isEqualTo(201);
        assertThat(alice.get(PORTS.get("reservation"), "/reservations/9002").status()).isEqualTo(200);
        assertThat(Api.as("admin").get(PORTS.get("schedule"), "/schedules/" + SCHEDULE_ID).json().getInt("availableCount"))
                .isEqualTo(8);
        assertThat(alice.get(PORTS.get("delivery"), "/deliveries/" + OLD_BOOKING).json().getString("status"))
                .as("a mail-out from before the migration").isEqualTo("PREPARING");
        assertThat(alice.get(PORTS.get("mypage"), "/myPages/" + OLD_BOOKING).json().getString("reservationStatus"))
                .as("a MyPage row from before the migration").isEqualTo("RESERVED");
    }

    /** Rows the services wrote on main: they must be read as they are after the migration. */
    private static void oldRows() throws SQLException {
        insert("schedule", "INSERT INTO SCHEDULE (SCHEDULEID, AVAILABLECOUNT, CAPACITY, VERSION) VALUES (" + SCHEDULE_ID + ", 10, 10, 1)");
        insert("delivery", "INSERT INTO DELIVERY (RESERVATIONID, CUSTOMERID, SCHEDULEID, STATUS, UPDATEDAT, VERSION) "
                + "VALUES (" + OLD_BOOKING + ", 'alice', " + SCHEDULE_ID + ", 'PREPARING', CURRENT_TIMESTAMP, 1)");
        insert("mypage", "INSERT INTO MYPAGE_ROW (RESERVATIONID, CUSTOMERID, SCHEDULEID, RESERVATIONCOUNT, RESERVATIONSTATUS, "
                + "UPDATEDAT, VERSION) VALUES (" + OLD_BOOKING + ", 'alice', " + SCHEDULE_ID + ", 1, 'RESERVED', CURRENT_TIMESTAMP, 1)");
    }

    private static void insert(String service, String sql) throws SQLException {
        try (var database = login(service); var insert = database.createStatement()) {
            insert.executeUpdate(sql);
        }
    }

    private static boolean addedLater(String statement) {
        return statement.startsWith("CREATE INDEX") || statement.contains("\"RESERVATION_REQUE\"");
    }

    private static List<String> fixture(String service) throws IOException {
        try (InputStream in = MigrationFromMainSchemaIT.class.getResourceAsStream("/schema/eclipselink-main-" + service + ".sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(text.split(";"))
                    .map(statement -> statement.lines().filter(line -> !line.startsWith("--")).reduce("", String::concat).trim())
                    .filter(statement -> !statement.isEmpty())
                    .toList();
        }
    }

    private static Connection login(String service) throws SQLException {
        return derby.connect(service, service, derby.passwordOf(service));
    }

    /**
     * The names of the service's own indexes and constraints on the tables main's schema had: Liquibase's
     * bookkeeping tables and the tables new since (their change sets are checked as run) left out.
     */
    private static Set<String> indexesAndConstraints(Connection database, String service) throws SQLException {
        Set<String> names = new TreeSet<>();
        String schema = service.toUpperCase(Locale.ROOT);
        try (var query = database.prepareStatement("""
                SELECT C.CONSTRAINTNAME FROM SYS.SYSCONSTRAINTS C JOIN SYS.SYSSCHEMAS S ON C.SCHEMAID = S.SCHEMAID
                JOIN SYS.SYSTABLES T ON C.TABLEID = T.TABLEID
                WHERE S.SCHEMANAME = ? AND T.TABLENAME NOT LIKE 'DATABASECHANGELOG%'
                AND T.TABLENAME NOT IN ('JOB_LEASE', 'MYPAGE_BOOKING_TURN')
                UNION
                SELECT G.CONGLOMERATENAME FROM SYS.SYSCONGLOMERATES G JOIN SYS.SYSSCHEMAS S ON G.SCHEMAID = S.SCHEMAID
                JOIN SYS.SYSTABLES T ON G.TABLEID = T.TABLEID
                WHERE S.SCHEMANAME = ? AND G.ISINDEX AND G.ISCONSTRAINT = FALSE AND T.TABLENAME NOT LIKE 'DATABASECHANGELOG%'
                AND T.TABLENAME NOT IN ('JOB_LEASE', 'MYPAGE_BOOKING_TURN')""")) {
            query.setString(1, schema);
            query.setString(2, schema);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    /** Change set id to how it was applied: EXECUTED (run) or MARK_RAN (the database had it already). */
    private static Map<String, String> changeSets(Connection database) throws SQLException {
        Map<String, String> changeSets = new HashMap<>();
        try (var query = database.createStatement(); var rows = query.executeQuery("SELECT ID, EXECTYPE FROM DATABASECHANGELOG")) {
            while (rows.next()) {
                changeSets.put(rows.getString(1), rows.getString(2));
            }
        }
        return changeSets;
    }
}
