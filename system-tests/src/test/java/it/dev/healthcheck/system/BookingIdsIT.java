package it.dev.healthcheck.system;

import static it.dev.healthcheck.system.support.Api.RESERVATION;
import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;

import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.TheSystem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No enumeration through booking ids: a reservationId that another customer already has is answered
 * exactly as a free one (status, problem type, body), and the booking it makes gets an id of the
 * server's, which the caller's retries of the same request find again. Only the caller's own ids are
 * ever refused as taken.
 */
@ExtendWith(TheSystem.class)
class BookingIdsIT {

    private static final long SCHEDULE_ID = 220;
    private static final long ALICES_ID = 220_001;
    /** Alice's too; each probe of bob's uses its own, since a probe leaves bob a (refused) booking by that id. */
    private static final long ALICES_OTHER_ID = 220_002;
    private static final long ALICES_THIRD_ID = 220_003;
    private static final long UNKNOWN_SCHEDULE = 987_654_220;
    private static final long FIRST_ASSIGNED = 1_000_000_000_000L;

    private final Api alice = Api.as("alice");
    private final Api bob = Api.as("bob");

    @BeforeAll
    static void aScheduleOfTwentySeatsAndThreeOfAlicesBookings() {
        assertThat(Api.as("admin").post(SCHEDULE, "/schedules", Map.of("scheduleId", SCHEDULE_ID, "availableCount", 20))
                .status()).isEqualTo(201);
        for (long id : new long[] {ALICES_ID, ALICES_OTHER_ID, ALICES_THIRD_ID}) {
            var booked = Api.as("alice").post(RESERVATION, "/reservations",
                    Map.of("reservationId", id, "scheduleId", SCHEDULE_ID, "reservationCount", id == ALICES_ID ? 2 : 1));
            assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        }
    }

    @Test
    void anotherCustomersIdBooksAsAFreeOneWouldUnderAnIdOfTheServers() {
        var booking = Map.of("reservationId", ALICES_ID, "scheduleId", SCHEDULE_ID, "reservationCount", 2);

        var first = bob.post(RESERVATION, "/reservations", booking);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long bobsId = first.json().getJsonNumber("reservationId").longValue();
        assertThat(bobsId).isGreaterThanOrEqualTo(FIRST_ASSIGNED);
        assertThat(first.location()).endsWith("/reservations/" + bobsId);
        assertThat(first.json().getString("customerId")).isEqualTo("bob");

        // bob's honest retry of the same request books nothing twice
        var retried = bob.post(RESERVATION, "/reservations", booking);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().getJsonNumber("reservationId").longValue()).isEqualTo(bobsId);
        assertThat(Api.as("admin").get(SCHEDULE, "/schedules/" + SCHEDULE_ID).json().getInt("availableCount"))
                .as("alice's 2 + 1 + 1 seats and bob's 2, once").isEqualTo(14);

        // alice's booking is untouched, and still hers alone
        var alices = alice.get(RESERVATION, "/reservations/" + ALICES_ID);
        assertThat(alices.status()).isEqualTo(200);
        assertThat(alices.json().getString("customerId")).isEqualTo("alice");
        assertThat(bob.get(RESERVATION, "/reservations/" + ALICES_ID).status()).isEqualTo(404);
        assertThat(bob.get(RESERVATION, "/reservations/" + bobsId).status()).isEqualTo(200);
    }

    @Test
    void aRefusedBookingAnswersTheSameWhetherItsIdIsAnotherCustomersOrFree() {
        assertSameAnswer(ALICES_OTHER_ID, 220_901, UNKNOWN_SCHEDULE, 1, 404);
        assertSameAnswer(ALICES_THIRD_ID, 220_902, SCHEDULE_ID, 50, 409);
    }

    @Test
    void onlyTheCallersOwnIdIsRefusedAsTaken() {
        var reply = alice.post(RESERVATION, "/reservations",
                Map.of("reservationId", ALICES_ID, "scheduleId", SCHEDULE_ID, "reservationCount", 3));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.json().getString("type")).isEqualTo("urn:healthcheck:problem:reservation-id-taken");
    }

    /**
     * bob's booking under alice's id and under a free one: status, content type and problem alike; only
     * the instance id, unique to each answer, differs.
     */
    private void assertSameAnswer(long alicesId, long freeId, long scheduleId, int count, int status) {
        assertSameAnswer(bob.post(RESERVATION, "/reservations",
                        Map.of("reservationId", alicesId, "scheduleId", scheduleId, "reservationCount", count)),
                bob.post(RESERVATION, "/reservations",
                        Map.of("reservationId", freeId, "scheduleId", scheduleId, "reservationCount", count)),
                status);
    }

    private static void assertSameAnswer(Api.Reply anothersId, Api.Reply freeId, int status) {
        assertThat(anothersId.status()).as(anothersId.toString()).isEqualTo(status);
        assertThat(freeId.status()).as(freeId.toString()).isEqualTo(status);
        assertThat(anothersId.contentType()).isEqualTo(freeId.contentType());
        assertThat(withoutInstance(anothersId.json())).isEqualTo(withoutInstance(freeId.json()));
    }

    private static JsonObject withoutInstance(JsonObject problem) {
        return Json.createObjectBuilder(problem).remove("instance").build();
    }
}
