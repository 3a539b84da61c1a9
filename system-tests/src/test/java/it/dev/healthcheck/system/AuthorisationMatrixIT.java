package it.dev.healthcheck.system;

import static it.dev.healthcheck.system.support.Api.DELIVERY;
import static it.dev.healthcheck.system.support.Api.MYPAGE;
import static it.dev.healthcheck.system.support.Api.RESERVATION;
import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.TheSystem;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may do what: anonymous, a wrong password, customer A (alice), customer B (bob), the
 * administrator, reservation's service identity (role service) and schedule's and delivery's (role
 * reconciler), against every endpoint and method of the four services. A service identity is known only
 * to the registry of the service it calls (schedule for reservation's, reservation for the two others):
 * anywhere else it does not log in at all (401). Every refusal is problem+json; another customer's reservation, mail-out and MyPage row
 * are 404, as if they did not exist.
 */
@ExtendWith(TheSystem.class)
class AuthorisationMatrixIT {

    private static final long SCHEDULE_ID = 90;
    private static final long ALICE_READS = 90_001;
    private static final long ALICE_CANCELS = 90_002;
    private static final long ALICE_MAILED = 90_003;
    private static final String SHIPMENT = "{\"trackingReference\":\"RR900030000JP\"}";
    private static final long HOLD_TO_READ = 99_001;
    private static final long HOLD_TO_RELEASE = 99_002;
    private static final String NO_SUCH_DEAD_LETTER = "00000000-0000-0000-0000-000000000000";

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final Api ANONYMOUS = Api.anonymous();
    private static final Api IMPOSTOR = Api.impostor("alice");

    // Writes that succeed need ids nobody has used yet.
    private static final AtomicLong FRESH_SCHEDULE = new AtomicLong(900);
    private static final AtomicLong FRESH_RESERVATION = new AtomicLong(90_100);
    private static final AtomicLong FRESH_HOLD = new AtomicLong(99_100);

    private static Api alice;
    private static Api bob;
    private static Api admin;
    private static Api service;
    private static List<Api> reconcilers;

    @BeforeAll
    static void aScheduleWithAlicesBookingsOneLetterShippedAndTwoSeatHolds() {
        alice = Api.as("alice");
        bob = Api.as("bob");
        admin = Api.as("admin");
        service = Api.asService();
        reconcilers = List.of(Api.asService("schedule"), Api.asService("delivery"));
        assertThat(admin.post(SCHEDULE, "/schedules", Map.of("scheduleId", SCHEDULE_ID, "availableCount", 1_000))
                .status()).isEqualTo(201);
        for (long id : List.of(ALICE_READS, ALICE_CANCELS, ALICE_MAILED)) {
            assertThat(alice.post(RESERVATION, "/reservations",
                    Map.of("reservationId", id, "scheduleId", SCHEDULE_ID, "reservationCount", 1)).status()).isEqualTo(201);
        }
        for (long id : List.of(HOLD_TO_READ, HOLD_TO_RELEASE)) {
            assertThat(service.put(SCHEDULE, holdPath(id), Map.of("count", 1, "attempt", 1)).status()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(admin.get(DELIVERY, "/deliveries/" + ALICE_READS).status()).isEqualTo(200);
            assertThat(admin.get(MYPAGE, "/myPages/" + ALICE_READS).status()).isEqualTo(200);
            assertThat(admin.get(DELIVERY, "/deliveries/" + ALICE_MAILED).status()).isEqualTo(200);
        });
        // Shipped already, so the mail room's calls below answer the same whichever runs first.
        assertThat(admin.send("PUT", DELIVERY, shipmentPath(), "application/json", SHIPMENT).status()).isEqualTo(200);
    }

    @TestFactory
    Stream<DynamicTest> everyCallerAgainstEveryEndpoint() {
        List<Row> rows = List.of(
                //                                                                    alice bob  admin service reconciler
                row("POST", SCHEDULE, () -> "/schedules", AuthorisationMatrixIT::newSchedule, 403, 403, 201, 403, 401),
                row("GET", SCHEDULE, () -> "/schedules/" + SCHEDULE_ID, null, 200, 200, 200, 200, 401),
                row("GET", SCHEDULE, () -> "/schedules", null, 200, 200, 200, 200, 401),
                row("PUT", SCHEDULE, () -> holdPath(FRESH_HOLD.getAndIncrement()), () -> "{\"count\":1,\"attempt\":1}",
                        403, 403, 403, 201, 401),
                row("GET", SCHEDULE, () -> holdPath(HOLD_TO_READ), null, 403, 403, 403, 200, 401),
                row("DELETE", SCHEDULE, () -> holdPath(HOLD_TO_RELEASE), null, 403, 403, 403, 204, 401),
                row("POST", RESERVATION, () -> "/reservations", AuthorisationMatrixIT::newBooking, 201, 201, 403, 401, 403),
                row("GET", RESERVATION, () -> "/reservations/" + ALICE_READS, null, 200, 404, 200, 401, 403),
                row("GET", RESERVATION, () -> "/reservations", null, 200, 200, 200, 401, 403),
                row("DELETE", RESERVATION, () -> "/reservations/" + ALICE_CANCELS, null, 200, 404, 200, 401, 403),
                row("GET", DELIVERY, () -> "/deliveries/" + ALICE_READS, null, 200, 404, 200, 401, 401),
                row("GET", DELIVERY, () -> "/deliveries", null, 403, 403, 200, 401, 401),
                row("PUT", DELIVERY, AuthorisationMatrixIT::shipmentPath, () -> SHIPMENT, 403, 403, 200, 401, 401),
                row("PUT", DELIVERY, () -> "/deliveries/" + ALICE_MAILED + "/arrival", null, 403, 403, 200, 401, 401),
                row("GET", MYPAGE, () -> "/myPages/" + ALICE_READS, null, 200, 404, 200, 401, 401),
                row("GET", MYPAGE, () -> "/myPages", null, 200, 200, 200, 401, 401),
                // The operator's dead letters: administrators only, on every service (reservation's list is empty).
                row("GET", SCHEDULE, () -> "/admin/dead-letters", null, 403, 403, 200, 403, 401),
                row("GET", RESERVATION, () -> "/admin/dead-letters", null, 403, 403, 200, 401, 403),
                row("GET", DELIVERY, () -> "/admin/dead-letters", null, 403, 403, 200, 401, 401),
                row("GET", MYPAGE, () -> "/admin/dead-letters", null, 403, 403, 200, 401, 401),
                row("POST", DELIVERY, () -> "/admin/dead-letters/" + NO_SUCH_DEAD_LETTER + "/redrive", null,
                        403, 403, 404, 401, 401),
                // Booking states, for the reconciliation of schedule and delivery: their identities alone.
                row("GET", RESERVATION, () -> "/bookingStates?reservationId=" + ALICE_READS, null, 403, 403, 403, 401, 200));
        List<DynamicTest> cells = new ArrayList<>();
        for (Row row : rows) {
            // Nobody gets past the door without a valid login.
            cells.add(cell(row, ANONYMOUS, 401));
            cells.add(cell(row, IMPOSTOR, 401));
            cells.add(cell(row, alice, row.alice()));
            cells.add(cell(row, bob, row.bob()));
            cells.add(cell(row, admin, row.admin()));
            cells.add(cell(row, service, row.service()));
            reconcilers.forEach(reconciler -> cells.add(cell(row, reconciler, row.reconciler())));
        }
        // Health, metrics and the OpenAPI document stay open to everybody (operators and probes).
        for (int port : List.of(SCHEDULE, RESERVATION, DELIVERY, MYPAGE)) {
            for (String path : List.of("/health/ready", "/metrics", "/openapi")) {
                var open = row("GET", port, () -> path, null, 200, 200, 200, 200, 200);
                for (Api caller : List.of(ANONYMOUS, IMPOSTOR, alice, bob, admin, service, reconcilers.get(0), reconcilers.get(1))) {
                    cells.add(cell(open, caller.accepting("*/*"), 200));
                }
            }
        }
        assertThat(cells).hasSize(22 * 8 + 12 * 8);
        return cells.stream();
    }

    @Test
    void aCustomersListsHoldOnlyTheirOwn() {
        var bobsBooking = bob.post(RESERVATION, "/reservations",
                Map.of("scheduleId", SCHEDULE_ID, "reservationCount", 1));
        assertThat(bobsBooking.status()).as(bobsBooking.toString()).isEqualTo(201);
        long bobsId = bobsBooking.json().getJsonNumber("reservationId").longValue();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ids(bob.get(MYPAGE, "/myPages?scheduleId=" + SCHEDULE_ID))).contains(bobsId));

        assertThat(ids(bob.get(RESERVATION, "/reservations?scheduleId=" + SCHEDULE_ID)))
                .contains(bobsId).doesNotContain(ALICE_READS, ALICE_CANCELS);
        // Naming another customer does not reveal their rows.
        assertThat(ids(bob.get(MYPAGE, "/myPages?customerId=alice&scheduleId=" + SCHEDULE_ID))).isEmpty();
        assertThat(ids(bob.get(MYPAGE, "/myPages?scheduleId=" + SCHEDULE_ID)))
                .contains(bobsId).doesNotContain(ALICE_READS, ALICE_CANCELS);
        assertThat(ids(admin.get(MYPAGE, "/myPages?scheduleId=" + SCHEDULE_ID)))
                .contains(bobsId, ALICE_READS, ALICE_CANCELS);
    }

    @Test
    void theCustomerOfABookingIsTheCallerWhateverTheBodySays() {
        var booking = bob.post(RESERVATION, "/reservations",
                Map.of("scheduleId", SCHEDULE_ID, "reservationCount", 1, "customerId", "alice"));
        assertThat(booking.status()).as(booking.toString()).isEqualTo(201);
        long id = booking.json().getJsonNumber("reservationId").longValue();
        assertThat(bob.get(RESERVATION, "/reservations/" + id).status()).isEqualTo(200);
        assertThat(alice.get(RESERVATION, "/reservations/" + id).status()).isEqualTo(404);
    }

    private static DynamicTest cell(Row row, Api caller, int expected) {
        String path = row.path().get();
        return DynamicTest.dynamicTest(caller.user() + " " + row.method() + " :" + row.port() + path, () -> {
            var reply = caller.send(row.method(), row.port(), path,
                    row.body() == null ? null : "application/json", row.body() == null ? null : row.body().get());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(expected);
            if (expected >= 400) {
                assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
                assertThat(reply.json().getInt("status")).isEqualTo(expected);
            }
        });
    }

    private static Row row(String method, int port, Supplier<String> path, Supplier<String> body,
                           int alice, int bob, int admin, int service, int reconciler) {
        return new Row(method, port, path, body, alice, bob, admin, service, reconciler);
    }

    private record Row(String method, int port, Supplier<String> path, Supplier<String> body,
                       int alice, int bob, int admin, int service, int reconciler) {
    }

    private static String newSchedule() {
        return JSONB.toJson(Map.of("scheduleId", FRESH_SCHEDULE.getAndIncrement(), "availableCount", 10));
    }

    private static String newBooking() {
        return JSONB.toJson(Map.of("reservationId", FRESH_RESERVATION.getAndIncrement(),
                "scheduleId", SCHEDULE_ID, "reservationCount", 1));
    }

    private static String shipmentPath() {
        return "/deliveries/" + ALICE_MAILED + "/shipment";
    }

    private static String holdPath(long reservationId) {
        return "/schedules/" + SCHEDULE_ID + "/seatHolds/" + reservationId;
    }

    private static List<Long> ids(Api.Reply list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.jsonArray().stream().map(JsonObject.class::cast)
                .map(row -> row.getJsonNumber("reservationId").longValue()).toList();
    }
}
