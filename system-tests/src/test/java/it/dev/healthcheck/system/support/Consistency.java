package it.dev.healthcheck.system.support;

import static it.dev.healthcheck.system.support.Api.DELIVERY;
import static it.dev.healthcheck.system.support.Api.MYPAGE;
import static it.dev.healthcheck.system.support.Api.RESERVATION;
import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The guarantees, checked against what clients were told ({@link Ledger}), once the system has had
 * time to settle: every acknowledged booking exists, every acknowledged cancellation is applied, seats
 * left equal capacity minus active bookings, one mail-out per booking in the matching state, and MyPage
 * shows exactly the owning services' state.
 */
public final class Consistency {

    private static final int PAGE = 500;

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
        // A service catching up on thousands of events may answer a list slowly: that is "not yet", not a failure.
        await().atMost(deadline).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class).untilAsserted(() -> {
            found.clear();
            found.putAll(check.assertConsistent());
        });
        return found;
    }

    private Map<Long, Booking> assertConsistent() {
        // Whole lists of the schedule, a page at a time: a fault test may have attempted thousands of ids.
        Map<Long, Booking> reservations = new TreeMap<>();
        everyRow(RESERVATION, "/reservations").forEach((id, json) ->
                reservations.put(id, new Booking(json.getString("status"), json.getInt("reservationCount"))));
        assertThat(ledger.attempted()).as("reservations that nobody attempted").containsAll(reservations.keySet());
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

        var deliveries = everyRow(DELIVERY, "/deliveries");
        assertThat(deliveries.keySet()).as("one mail-out per booking of schedule %d", ledger.scheduleId())
                .containsExactlyInAnyOrderElementsOf(reservations.keySet());
        reservations.forEach((id, booking) -> assertMailOutMatches(id, deliveries.get(id), booking));

        var rows = everyRow(MYPAGE, "/myPages");
        assertThat(rows.keySet()).as("MyPage rows of schedule %d", ledger.scheduleId())
                .containsExactlyInAnyOrderElementsOf(reservations.keySet());
        reservations.forEach((id, booking) -> {
            JsonObject row = rows.get(id);
            assertThat(row.getString("reservationStatus", "not seen yet")).as("MyPage %d", id).isEqualTo(booking.status());
            assertThat(row.getInt("reservationCount")).as("MyPage %d", id).isEqualTo(booking.count());
            JsonObject delivery = deliveries.get(id);
            assertThat(row.getString("deliveryStatus", "not seen yet")).as("MyPage %d", id)
                    .isEqualTo(delivery.getString("status"));
            assertThat(row.get("trackingReference")).as("MyPage %d", id).isEqualTo(delivery.get("trackingReference"));
            assertThat(row.getBoolean("cancelledAfterShipping")).as("MyPage %d", id)
                    .isEqualTo(delivery.getBoolean("cancelledAfterShipping"));
        });
        return reservations;
    }

    /**
     * An active booking's letter is being prepared, or the mail room shipped or delivered it; a cancelled
     * booking's is cancelled, unless it had already left (then it keeps its status and says so).
     */
    private static void assertMailOutMatches(long id, JsonObject delivery, Booking booking) {
        String status = delivery.getString("status");
        boolean keptAfterCancellation = delivery.getBoolean("cancelledAfterShipping");
        if (booking.isActive()) {
            assertThat(status).as("delivery of %d", id).isIn("PREPARING", "SHIPPED", "DELIVERED");
            assertThat(keptAfterCancellation).as("delivery of %d cancelled after shipping", id).isFalse();
        } else {
            assertThat(status).as("delivery of %d", id)
                    .isIn(keptAfterCancellation ? List.of("SHIPPED", "DELIVERED") : List.of("CANCELLED"));
        }
    }

    /** Every row of the ledger's schedule that an administrator's list shows, by reservationId. */
    private Map<Long, JsonObject> everyRow(int port, String path) {
        Map<Long, JsonObject> rows = new TreeMap<>();
        admin.everyRow(port, path, "scheduleId=" + ledger.scheduleId(), PAGE, Api.Reply::jsonArray).forEach(row -> {
            long id = row.getJsonNumber("reservationId").longValue();
            assertThat(rows.put(id, row)).as("%s lists %d twice", path, id).isNull();
        });
        return rows;
    }

    /** A reservation as reservation reports it. */
    public record Booking(String status, int count) {
        public boolean isActive() {
            return status.equals("RESERVED");
        }
    }
}
