package it.dev.healthcheck.system.support;

import static it.dev.healthcheck.system.support.Api.DELIVERY;
import static it.dev.healthcheck.system.support.Api.MYPAGE;
import static it.dev.healthcheck.system.support.Api.RESERVATION;
import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The guarantees, checked against what clients were told ({@link Ledger}), once the system has had
 * time to settle: every acknowledged booking exists, every acknowledged cancellation is applied, seats
 * left equal capacity minus active bookings, one mail-out per booking in the matching state, and MyPage
 * shows exactly the owning services' state.
 */
public final class Consistency {

    private final Api admin = Api.as("admin");
    private final Ledger ledger;
    private final int capacity;

    private Consistency(Ledger ledger, int capacity) {
        this.ledger = ledger;
        this.capacity = capacity;
    }

    /** Waits (polling, with a deadline) until the whole system agrees with the ledger; returns the bookings found. */
    public static Map<Long, Booking> awaitConsistent(Ledger ledger, int capacity, Duration deadline) {
        var check = new Consistency(ledger, capacity);
        Map<Long, Booking> found = new TreeMap<>();
        await().atMost(deadline).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            found.clear();
            found.putAll(check.assertConsistent());
        });
        return found;
    }

    private Map<Long, Booking> assertConsistent() {
        Map<Long, Booking> reservations = new TreeMap<>();
        for (long id : ledger.attempted()) {
            var reply = admin.get(RESERVATION, "/reservations/" + id);
            assertThat(reply.status()).as("reservation %d: %s", id, reply).isIn(200, 404);
            if (reply.status() == 200) {
                JsonObject json = reply.json();
                assertThat(json.getJsonNumber("scheduleId").longValue()).isEqualTo(ledger.scheduleId());
                reservations.put(id, new Booking(json.getString("status"), json.getInt("reservationCount")));
            }
        }
        assertThat(reservations.keySet()).as("every acknowledged booking exists").containsAll(ledger.booked());
        reservations.forEach((id, booking) -> {
            if (ledger.cancelled().contains(id)) {
                assertThat(booking.status()).as("acknowledged cancellation of %d", id).isEqualTo("CANCELLED");
            } else if (!ledger.cancelAttempted().contains(id)) {
                assertThat(booking.status()).as("reservation %d, never cancelled", id).isEqualTo("RESERVED");
            }
        });

        int active = reservations.values().stream().filter(Booking::isActive).mapToInt(Booking::count).sum();
        var schedule = admin.get(SCHEDULE, "/schedules/" + ledger.scheduleId());
        assertThat(schedule.json().getInt("availableCount")).as("seats left on schedule %d", ledger.scheduleId())
                .isEqualTo(capacity - active);

        reservations.forEach((id, booking) -> {
            var delivery = admin.get(DELIVERY, "/deliveries/" + id);
            assertThat(delivery.status()).as("delivery of %d: %s", id, delivery).isEqualTo(200);
            assertThat(delivery.json().getString("status")).as("delivery of %d", id)
                    .isEqualTo(booking.isActive() ? "PREPARING" : "CANCELLED");
        });

        var rows = admin.get(MYPAGE, "/myPages?scheduleId=" + ledger.scheduleId() + "&size=1000").jsonArray()
                .stream().map(JsonObject.class::cast)
                .collect(Collectors.toMap(row -> row.getJsonNumber("reservationId").longValue(), row -> row));
        assertThat(rows.keySet()).as("MyPage rows of schedule %d", ledger.scheduleId())
                .containsExactlyInAnyOrderElementsOf(reservations.keySet());
        reservations.forEach((id, booking) -> {
            JsonObject row = rows.get(id);
            assertThat(row.getString("reservationStatus", "not seen yet")).as("MyPage %d", id).isEqualTo(booking.status());
            assertThat(row.getInt("reservationCount")).as("MyPage %d", id).isEqualTo(booking.count());
            assertThat(row.getString("deliveryStatus", "not seen yet")).as("MyPage %d", id)
                    .isEqualTo(booking.isActive() ? "PREPARING" : "CANCELLED");
        });
        return reservations;
    }

    /** A reservation as reservation reports it. */
    public record Booking(String status, int count) {
        public boolean isActive() {
            return status.equals("RESERVED");
        }
    }
}
