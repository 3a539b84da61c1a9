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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each kind of refusal answers its own problem type (so a client never parses {@code detail} to tell
 * them apart), with a title, the status, a detail, an {@code instance} id that the refusing server's
 * log also carries, and for failed validation the list of fields at fault.
 */
@ExtendWith(TheSystem.class)
class ProblemTypesIT {

    private static final String PROBLEM = "urn:healthcheck:problem:";
    private static final long SCHEDULE_ID = 150;
    private static final long ALICES_BOOKING = 60_001;
    private static final long UNKNOWN_SCHEDULE = 987_654_321;
    private static final List<String> SERVERS = List.of("schedule", "reservation", "delivery", "mypage");

    private final Api alice = Api.as("alice");
    private final Api admin = Api.as("admin");

    @BeforeAll
    static void aScheduleWithFiveSeatsAndOneOfAlicesBookings() {
        assertThat(Api.as("admin").post(SCHEDULE, "/schedules", Map.of("scheduleId", SCHEDULE_ID, "availableCount", 5))
                .status()).isEqualTo(201);
        assertThat(Api.as("alice").post(RESERVATION, "/reservations",
                Map.of("reservationId", ALICES_BOOKING, "scheduleId", SCHEDULE_ID, "reservationCount", 1))
                .status()).isEqualTo(201);
    }

    @TestFactory
    Stream<DynamicTest> everyKindOfRefusalHasItsOwnType() {
        String booking = "{\"reservationId\":150002,\"scheduleId\":" + SCHEDULE_ID + ",\"reservationCount\":1}";
        return Stream.of(
                refusal("malformed-body", 400, () -> alice.send("POST", RESERVATION, "/reservations",
                        "application/json", "{\"scheduleId\":")),
                refusal("unknown-schedule", 404, () -> alice.post(RESERVATION, "/reservations",
                        Map.of("reservationId", 60_003, "scheduleId", UNKNOWN_SCHEDULE, "reservationCount", 1))),
                refusal("reservation-id-taken", 409, () -> alice.post(RESERVATION, "/reservations",
                        Map.of("reservationId", ALICES_BOOKING, "scheduleId", SCHEDULE_ID, "reservationCount", 2))),
                refusal("not-enough-seats", 409, () -> alice.post(RESERVATION, "/reservations",
                        Map.of("reservationId", 60_004, "scheduleId", SCHEDULE_ID, "reservationCount", 5))),
                refusal("schedule-exists", 409, () -> admin.post(SCHEDULE, "/schedules",
                        Map.of("scheduleId", SCHEDULE_ID, "availableCount", 1))),
                refusal("seat-hold-conflict", 409, () -> Api.asService().put(SCHEDULE,
                        "/schedules/" + SCHEDULE_ID + "/seatHolds/" + ALICES_BOOKING, Map.of("count", 2, "attempt", 1))),
                refusal("not-found", 404, () -> alice.get(RESERVATION, "/reservations/150999")),
                refusal("dead-letter-not-found", 404, () -> admin.send("POST", MYPAGE,
                        "/admin/dead-letters/00000000-0000-0000-0000-000000000000/redrive", null, null)),
                refusal("not-found", 404, () -> alice.get(MYPAGE, "/myPages/150999")),
                refusal("not-found", 404, () -> alice.get(DELIVERY, "/deliveries/nope/at/all")),
                refusal("unauthorised", 401, () -> Api.anonymous().get(RESERVATION, "/reservations")),
                refusal("unauthorised", 401, () -> Api.impostor("alice").get(MYPAGE, "/myPages")),
                refusal("forbidden", 403, () -> alice.post(SCHEDULE, "/schedules",
                        Map.of("scheduleId", 61, "availableCount", 1))),
                refusal("too-large", 413, () -> alice.send("POST", RESERVATION, "/reservations", "application/json",
                        booking.replace("{", "{" + " ".repeat(20_000)))),
                refusal("unsupported-media-type", 415, () -> alice.send("POST", RESERVATION, "/reservations",
                        "text/plain", booking)),
                refusal("not-acceptable", 406, () -> alice.accepting("text/csv").get(RESERVATION,
                        "/reservations/" + ALICES_BOOKING)),
                refusal("method-not-allowed", 405, () -> alice.send("PATCH", RESERVATION,
                        "/reservations/" + ALICES_BOOKING, "application/json", "{}")));
    }

    @Test
    void failedValidationListsEveryFieldAtFault() {
        var reply = alice.post(RESERVATION, "/reservations",
                Map.of("reservationId", 0, "scheduleId", SCHEDULE_ID, "reservationCount", 1_001));
        var problem = assertRefusal(reply, "validation-failed", 400);

        assertThat(problem.getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(error -> error.getString("field"))
                .containsExactly("reservationCount", "reservationId");
        assertThat(problem.getJsonArray("errors").getValuesAs(JsonObject.class))
                .allSatisfy(error -> assertThat(error.getString("detail")).isNotBlank());
        assertThat(problem.getString("detail")).contains("reservationCount").contains("reservationId");

        var query = assertRefusal(alice.get(RESERVATION, "/reservations?size=0"), "validation-failed", 400);
        assertThat(query.getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(error -> error.getString("field")).containsExactly("size");
    }

    @Test
    void everyRefusalIsItsOwnInstance() {
        var first = assertRefusal(alice.get(RESERVATION, "/reservations/150998"), "not-found", 404);
        var second = assertRefusal(alice.get(RESERVATION, "/reservations/150998"), "not-found", 404);
        assertThat(first.getString("instance")).isNotEqualTo(second.getString("instance"));
    }

    /** Fault injected: schedule frozen (kill -STOP) for the second it takes reservation to give up on it. */
    @Test
    void aBookingUnderWayAndAnUnreachableScheduleHaveTheirOwnTypes() {
        var schedule = TheSystem.get().server("schedule");
        var booking = Map.of("reservationId", 60_010L, "scheduleId", SCHEDULE_ID, "reservationCount", 1);
        schedule.freeze();
        try {
            var first = CompletableFuture.supplyAsync(() -> alice.post(RESERVATION, "/reservations", booking));
            // The first request holds the id while it waits for schedule; the same booking again is told so.
            var again = new AtomicReference<Api.Reply>();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                again.set(alice.post(RESERVATION, "/reservations", booking));
                return again.get().status() == 409 || first.isDone();
            });
            assertRefusal(again.get(), "booking-in-progress", 409);
            assertRefusal(first.join(), "schedule-unavailable", 503);
        } finally {
            schedule.thaw();
        }
    }

    private DynamicTest refusal(String kind, int status, Supplier<Api.Reply> request) {
        return DynamicTest.dynamicTest(kind + " (" + status + ")",
                () -> assertRefusal(request.get(), kind, status));
    }

    private static JsonObject assertRefusal(Api.Reply reply, String kind, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
        var problem = reply.json();
        assertThat(problem.getString("type")).as(reply.toString()).isEqualTo(PROBLEM + kind);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).isNotBlank();
        String instance = problem.getString("instance");
        assertThat(instance).matches("urn:uuid:[0-9a-f-]{36}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(SERVERS.stream().anyMatch(server -> logged(server, instance)))
                        .as("a server's messages.log names " + instance).isTrue());
        return problem;
    }

    private static boolean logged(String server, String instance) {
        var log = TheSystem.get().server(server).messagesLog();
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(instance);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
