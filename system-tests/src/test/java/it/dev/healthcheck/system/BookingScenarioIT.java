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
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The original Spring Boot system's published test scenario, replayed over real HTTP against the
 * broker and the four servers: same paths, same field names, now with credentials; then the centre's
 * mail room takes the remaining booking's letter from PREPARING to DELIVERED.
 */
@ExtendWith(TheSystem.class)
class BookingScenarioIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    private final Api admin = Api.as("admin");
    private final Api alice = Api.as("alice");

    @Test
    void theOriginalScenarioBooksCancelsAndNeverOversells() {
        var registered = admin.post(SCHEDULE, "/schedules", Map.of("scheduleId", 1, "availableCount", 100));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.location()).endsWith("/schedules/1");

        var first = alice.post(RESERVATION, "/reservations",
                Map.of("reservationId", 1, "scheduleId", 1, "reservationCount", 10));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.location()).endsWith("/reservations/1");
        assertThat(availableSeats()).isEqualTo(90);

        var second = alice.post(RESERVATION, "/reservations",
                Map.of("reservationId", 2, "scheduleId", 1, "reservationCount", 5));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(availableSeats()).isEqualTo(85);

        var tooMany = alice.post(RESERVATION, "/reservations",
                Map.of("reservationId", 3, "scheduleId", 1, "reservationCount", 86));
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(409);
        assertThat(tooMany.contentType()).startsWith("application/problem+json");
        assertThat(tooMany.json().getString("detail")).contains("85");
        assertThat(tooMany.json().getString("type")).isEqualTo("urn:healthcheck:problem:not-enough-seats");
        assertThat(availableSeats()).isEqualTo(85);
        assertThat(alice.get(RESERVATION, "/reservations/3").status()).isEqualTo(404);

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(deliveryStatus(1)).isEqualTo("PREPARING");
            assertThat(deliveryStatus(2)).isEqualTo("PREPARING");
        });

        var cancelled = alice.delete(RESERVATION, "/reservations/1");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().getString("status")).isEqualTo("CANCELLED");

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(availableSeats()).isEqualTo(95);
            assertThat(deliveryStatus(1)).isEqualTo("CANCELLED");
            assertThat(myPage(1).getString("reservationStatus", "not seen yet")).isEqualTo("CANCELLED");
        });
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            Map<Integer, JsonObject> rows = alice.get(MYPAGE, "/myPages?customerId=alice&scheduleId=1").jsonArray().stream()
                    .map(JsonObject.class::cast)
                    .collect(Collectors.toMap(row -> row.getInt("reservationId"), row -> row));
            assertThat(rows).containsOnlyKeys(1, 2);
            assertThat(rows.get(1).getInt("reservationCount")).isEqualTo(10);
            assertThat(rows.get(1).getString("reservationStatus", "not seen yet")).isEqualTo("CANCELLED");
            assertThat(rows.get(1).getString("deliveryStatus", "not seen yet")).isEqualTo("CANCELLED");
            assertThat(rows.get(2).getInt("reservationCount")).isEqualTo(5);
            assertThat(rows.get(2).getString("reservationStatus", "not seen yet")).isEqualTo("RESERVED");
            assertThat(rows.get(2).getString("deliveryStatus", "not seen yet")).isEqualTo("PREPARING");
        });
        // The refused booking never reached the saga: no mail-out, no MyPage row.
        assertThat(alice.get(DELIVERY, "/deliveries/3").status()).isEqualTo(404);
        assertThat(alice.get(MYPAGE, "/myPages/3").status()).isEqualTo(404);

        // The mail room: a letter arrives only after it left, and a cancelled one never leaves.
        assertConflict(arrival(2), "urn:healthcheck:problem:mail-out-not-shipped");
        assertConflict(shipment(1, "RR000000001JP"), "urn:healthcheck:problem:mail-out-cancelled");
        var shipped = shipment(2, "RR123456785JP");
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(200);
        assertThat(shipped.json().getString("status")).isEqualTo("SHIPPED");
        assertThat(shipment(2, "RR123456785JP").json()).as("the same shipment again").isEqualTo(shipped.json());
        assertConflict(shipment(2, "RR999999999JP"), "urn:healthcheck:problem:mail-out-shipped-with-another-reference");
        await().atMost(EVENTUALLY).untilAsserted(() ->
                assertThat(myPage(2).getString("deliveryStatus", "not seen yet")).isEqualTo("SHIPPED"));

        var arrived = arrival(2);
        assertThat(arrived.status()).as(arrived.toString()).isEqualTo(200);
        assertThat(arrived.json().getString("status")).isEqualTo("DELIVERED");
        assertThat(arrival(2).json()).as("the same arrival again").isEqualTo(arrived.json());
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonObject row = myPage(2);
            assertThat(row.getString("deliveryStatus", "not seen yet")).isEqualTo("DELIVERED");
            assertThat(row.getString("trackingReference", "not seen yet")).isEqualTo("RR123456785JP");
            assertThat(row.getString("shippedAt", "not seen yet")).isEqualTo(arrived.json().getString("shippedAt"));
            assertThat(row.getString("deliveredAt", "not seen yet")).isEqualTo(arrived.json().getString("deliveredAt"));
            assertThat(row.getString("reservationStatus")).isEqualTo("RESERVED");
            assertThat(row.getBoolean("cancelledAfterShipping")).isFalse();
        });
        assertThat(deliveryStatus(2)).isEqualTo("DELIVERED");
    }

    @Test
    void aLetterThatHasLeftKeepsItsStatusWhenItsBookingIsCancelled() {
        assertThat(admin.post(SCHEDULE, "/schedules", Map.of("scheduleId", 2, "availableCount", 10)).status())
                .isEqualTo(201);
        assertThat(alice.post(RESERVATION, "/reservations",
                Map.of("reservationId", 21, "scheduleId", 2, "reservationCount", 1)).status()).isEqualTo(201);
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(deliveryStatus(21)).isEqualTo("PREPARING"));
        assertThat(shipment(21, "RR123456786JP").status()).isEqualTo(200);

        assertThat(alice.delete(RESERVATION, "/reservations/21").status()).isEqualTo(200);

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            var delivery = alice.get(DELIVERY, "/deliveries/21").json();
            assertThat(delivery.getString("status")).isEqualTo("SHIPPED");
            assertThat(delivery.getBoolean("cancelledAfterShipping")).isTrue();
            JsonObject row = myPage(21);
            assertThat(row.getString("reservationStatus", "not seen yet")).isEqualTo("CANCELLED");
            assertThat(row.getString("deliveryStatus", "not seen yet")).isEqualTo("SHIPPED");
            assertThat(row.getBoolean("cancelledAfterShipping")).isTrue();
        });
        // The letter is still on its way, and its arrival is still recorded.
        assertThat(arrival(21).json().getString("status")).isEqualTo("DELIVERED");
        await().atMost(EVENTUALLY).untilAsserted(() ->
                assertThat(myPage(21).getString("deliveryStatus", "not seen yet")).isEqualTo("DELIVERED"));
    }

    private Api.Reply shipment(int reservationId, String trackingReference) {
        return admin.put(DELIVERY, "/deliveries/" + reservationId + "/shipment",
                Map.of("trackingReference", trackingReference));
    }

    private Api.Reply arrival(int reservationId) {
        return admin.send("PUT", DELIVERY, "/deliveries/" + reservationId + "/arrival", null, null);
    }

    private static void assertConflict(Api.Reply reply, String problemType) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getString("type")).isEqualTo(problemType);
    }

    private int availableSeats() {
        var schedule = alice.get(SCHEDULE, "/schedules/1");
        assertThat(schedule.status()).as(schedule.toString()).isEqualTo(200);
        return schedule.json().getInt("availableCount");
    }

    private String deliveryStatus(int reservationId) {
        var delivery = alice.get(DELIVERY, "/deliveries/" + reservationId);
        return delivery.status() == 200 ? delivery.json().getString("status") : "HTTP " + delivery.status();
    }

    private JsonObject myPage(int reservationId) {
        var row = alice.get(MYPAGE, "/myPages/" + reservationId);
        assertThat(row.status()).as(row.toString()).isEqualTo(200);
        return row.json();
    }
}
