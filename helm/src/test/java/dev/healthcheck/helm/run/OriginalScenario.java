package dev.healthcheck.helm.run;

import static dev.healthcheck.helm.run.Client.DELIVERY;
import static dev.healthcheck.helm.run.Client.MYPAGE;
import static dev.healthcheck.helm.run.Client.RESERVATION;
import static dev.healthcheck.helm.run.Client.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The original system's published scenario through a release's Services, as BookingScenarioIT runs it on
 * the local servers: schedule 1 with 100 seats, reservations 1 to 3 (a release runs it once).
 */
final class OriginalScenario {

    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private final Client admin;
    private final Client alice;

    OriginalScenario(Cluster cluster) {
        this.admin = Client.as(cluster, "admin");
        this.alice = Client.as(cluster, "alice");
    }

    /** Schedule, book, overbook (409, nothing reserved), cancel; the mail-outs and MyPage follow. */
    void booksCancelsAndNeverOversells() {
        var registered = admin.post(SCHEDULE, "/schedules", Map.of("scheduleId", 1, "availableCount", 100));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.location()).endsWith("/schedules/1");

        var first = book(Map.of("reservationId", 1, "scheduleId", 1, "reservationCount", 10));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.location()).endsWith("/reservations/1");
        assertThat(availableSeats(1)).isEqualTo(90);

        var second = book(Map.of("reservationId", 2, "scheduleId", 1, "reservationCount", 5));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(availableSeats(1)).isEqualTo(85);

        var tooMany = book(Map.of("reservationId", 3, "scheduleId", 1, "reservationCount", 86));
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(409);
        assertThat(tooMany.json().path("detail").asText()).contains("85");
        assertThat(alice.get(RESERVATION, "/reservations/3").status()).isEqualTo(404);

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(deliveryStatus(1)).isEqualTo("PREPARING");
            assertThat(deliveryStatus(2)).isEqualTo("PREPARING");
        });

        var cancelled = alice.delete(RESERVATION, "/reservations/1");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(availableSeats(1)).isEqualTo(95);
            assertThat(deliveryStatus(1)).isEqualTo("CANCELLED");
            Map<Integer, JsonNode> rows = new TreeMap<>();
            alice.get(MYPAGE, "/myPages?customerId=alice&scheduleId=1").json()
                    .forEach(row -> rows.put(row.path("reservationId").asInt(), row));
            assertThat(rows).containsOnlyKeys(1, 2);
            assertThat(rows.get(1).path("reservationCount").asInt()).isEqualTo(10);
            assertThat(rows.get(1).path("reservationStatus").asText()).isEqualTo("CANCELLED");
            assertThat(rows.get(1).path("deliveryStatus").asText()).isEqualTo("CANCELLED");
            assertThat(rows.get(2).path("reservationCount").asInt()).isEqualTo(5);
            assertThat(rows.get(2).path("reservationStatus").asText()).isEqualTo("RESERVED");
            assertThat(rows.get(2).path("deliveryStatus").asText()).isEqualTo("PREPARING");
        });
        assertThat(alice.get(DELIVERY, "/deliveries/3").status()).isEqualTo(404);
        assertThat(alice.get(MYPAGE, "/myPages/3").status()).isEqualTo(404);
    }

    /**
     * A booking as the contract's client makes it: a 503 means nothing was booked, to be tried again
     * after its Retry-After. A fresh release needs that: the first seat hold on a cold schedule JVM
     * (one CPU) can take longer than reservation's 1 s timeout. Each 503 is printed.
     */
    private Client.Reply book(Map<String, Object> booking) {
        Client.Reply reply = alice.post(RESERVATION, "/reservations", booking);
        for (int attempt = 1; reply.status() == 503 && attempt <= 3; attempt++) {
            System.out.println("chart-run: booking " + booking.get("reservationId") + " answered " + reply);
            // the protocol's delay, not a synchronisation: the server asked for it
            Duration retryAfter = Duration.ofSeconds(reply.retryAfter() == null ? 1 : reply.retryAfter());
            await().pollDelay(retryAfter).atMost(retryAfter.plusSeconds(1)).until(() -> true);
            reply = alice.post(RESERVATION, "/reservations", booking);
        }
        return reply;
    }

    private int availableSeats(int scheduleId) {
        var schedule = alice.get(SCHEDULE, "/schedules/" + scheduleId);
        assertThat(schedule.status()).as(schedule.toString()).isEqualTo(200);
        return schedule.json().path("availableCount").asInt();
    }

    private String deliveryStatus(int reservationId) {
        var delivery = alice.get(DELIVERY, "/deliveries/" + reservationId);
        return delivery.status() == 200 ? delivery.json().path("status").asText() : "HTTP " + delivery.status();
    }
}
