package it.dev.healthcheck.system;

import static it.dev.healthcheck.system.support.Api.DELIVERY;
import static it.dev.healthcheck.system.support.Api.MYPAGE;
import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.Broker;
import it.dev.healthcheck.system.support.Consistency;
import it.dev.healthcheck.system.support.Ledger;
import it.dev.healthcheck.system.support.NothingDeadLettered;
import it.dev.healthcheck.system.support.TheSystem;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault: a booking's events dead-lettered by the broker itself, on one subscription of each consuming
 * service (each queue paused, then its messages sent to DLA, as the broker does when deliveries are used
 * up). The administrator finds them on each service's /admin/dead-letters with their reason, re-drives
 * them, and the saga ends as if nothing had happened; customers and strangers are refused. Every dead
 * letter made here is re-driven, so the dead-letter queue ends as it began. Each subscription's
 * {@code healthcheck_dead_letters} gauge rises with its dead letters and falls again after the re-drive.
 */
@ExtendWith({TheSystem.class, NothingDeadLettered.class})
class DeadLetterRedriveIT {

    private static final long SCHEDULE_ID = 190;
    private static final int SEATS = 10;
    private static final long BOOKING = 190_001;
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    /** Each consuming service's subscription to reservation's events, and the events it keeps. */
    private static final Map<Integer, String> SUBSCRIPTION = Map.of(
            SCHEDULE, Broker.subscriptionQueue("healthcheck-schedule", "schedule.reservation-events"),
            DELIVERY, Broker.subscriptionQueue("healthcheck-delivery", "delivery.reservation-events"),
            MYPAGE, Broker.subscriptionQueue("healthcheck-mypage-reservations", "mypage.reservation-events"));
    /** schedule's subscription selects the cancellation only; the others take both events. */
    private static final Map<Integer, List<String>> DEAD = Map.of(
            SCHEDULE, List.of("ReservationCancelled"),
            DELIVERY, List.of("Reserved", "ReservationCancelled"),
            MYPAGE, List.of("Reserved", "ReservationCancelled"));

    private static final Map<Integer, String> SERVER = Map.of(SCHEDULE, "schedule", DELIVERY, "delivery", MYPAGE, "mypage");

    private final Api alice = Api.as("alice");
    private final Api admin = Api.as("admin");

    private List<JsonObject> deadLetters(int port) {
        var reply = admin.get(port, "/admin/dead-letters?max=1000");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.jsonArray().getValuesAs(JsonObject.class);
    }

    /**
     * The service's gauge for that subscription, as its /metrics shows it (counted every second in the tests);
     * NaN when it has none. Prometheus's text escapes a backslash in a label value (the queue names have some).
     */
    private static double deadLetterGauge(int port, String subscription) {
        return TheSystem.get().server(SERVER.get(port))
                .metric("healthcheck_dead_letters", "subscription=\"" + subscription.replace("\\", "\\\\") + "\"").orElse(Double.NaN);
    }

    private static void awaitDeadLetterGauges(Map<Integer, Double> expected) {
        await().atMost(EVENTUALLY).untilAsserted(() -> expected.forEach((port, count) ->
                assertThat(deadLetterGauge(port, SUBSCRIPTION.get(port))).as("dead letters of %s", SUBSCRIPTION.get(port))
                        .isEqualTo(count)));
    }

    @Test
    void theAdministratorListsEachServicesDeadLettersWithTheirReasonAndReDrivesThemToBeAppliedOnce() {
        var ledger = Ledger.forNewSchedule(SCHEDULE_ID, SEATS);
        // Earlier tests' poison stays on DLA: this test's dead letters are the ones that were not there before.
        Set<String> before = new HashSet<>();
        SUBSCRIPTION.keySet().forEach(port -> deadLetters(port).forEach(letter -> before.add(letter.getString("id"))));
        Map<Integer, Double> gaugeBefore = new LinkedHashMap<>();
        SUBSCRIPTION.forEach((port, queue) -> gaugeBefore.put(port, (double) deadLetters(port).stream()
                .filter(letter -> queue.equals(letter.getString("subscription"))).count()));
        awaitDeadLetterGauges(gaugeBefore);
        SUBSCRIPTION.values().forEach(Broker::pause);
        try {
            assertThat(ledger.book(alice, BOOKING, 2)).isEqualTo(201);
            assertThat(ledger.cancel(alice, BOOKING)).isEqualTo(200);
            await().atMost(EVENTUALLY).untilAsserted(() -> SUBSCRIPTION.forEach((port, queue) ->
                    assertThat(Broker.messageCount(queue)).as(queue).isEqualTo(DEAD.get(port).size())));
            // Nothing applied: the booking's seats are still held and there is no mail-out. Looked at now,
            // well inside the reconciliation's grace period, after which schedule may give the seats back itself.
            assertThat(admin.get(SCHEDULE, "/schedules/" + SCHEDULE_ID).json().getInt("availableCount")).isEqualTo(SEATS - 2);
            assertThat(admin.get(DELIVERY, "/deliveries/" + BOOKING).status()).isEqualTo(404);
            SUBSCRIPTION.forEach((port, queue) ->
                    assertThat(Broker.sendToDeadLetterAddress(queue)).as(queue).isEqualTo(DEAD.get(port).size()));
        } finally {
            SUBSCRIPTION.values().forEach(Broker::resume);
        }

        Map<Integer, Double> gaugeWithOurs = new LinkedHashMap<>();
        gaugeBefore.forEach((port, count) -> gaugeWithOurs.put(port, count + DEAD.get(port).size()));
        awaitDeadLetterGauges(gaugeWithOurs);

        Map<Integer, List<JsonObject>> listed = new LinkedHashMap<>();
        SUBSCRIPTION.forEach((port, queue) -> {
            List<JsonObject> all = deadLetters(port);
            assertThat(all).as("port %d lists only its own subscriptions' dead letters", port)
                    .allSatisfy(letter -> assertThat(SUBSCRIPTION.get(port).equals(letter.getString("subscription"))
                            || port == MYPAGE && letter.getString("subscription").startsWith("healthcheck-mypage-")).isTrue());
            List<JsonObject> ours = all.stream().filter(letter -> !before.contains(letter.getString("id"))).toList();
            assertThat(ours).extracting(letter -> letter.getString("eventType")).as("port %d", port)
                    .containsExactlyElementsOf(DEAD.get(port));
            assertThat(ours).allSatisfy(letter -> {
                assertThat(letter.getString("topic")).isEqualTo("healthcheck.reservation");
                assertThat(letter.getString("reason")).startsWith("delivery count exceeded");
                assertThat(letter.getString("eventId")).isNotBlank();
                assertThat(letter.getString("publishedAt")).isNotBlank();
            });
            listed.put(port, ours);
            assertThat(alice.get(port, "/admin/dead-letters").status()).isEqualTo(403);
            assertThat(Api.anonymous().get(port, "/admin/dead-letters").status()).isEqualTo(401);
            String first = ours.get(0).getString("id");
            assertThat(alice.send("POST", port, "/admin/dead-letters/" + first + "/redrive", null, null).status())
                    .isEqualTo(403);
        });
        listed.forEach((port, letters) -> letters.forEach(letter -> {
            var redriven = admin.send("POST", port, "/admin/dead-letters/" + letter.getString("id") + "/redrive", null, null);
            assertThat(redriven.status()).as(redriven.toString()).isEqualTo(200);
            assertThat(redriven.json().getString("eventId")).isEqualTo(letter.getString("eventId"));
        }));
        Consistency.awaitConsistent(ledger, SEATS, EVENTUALLY);
        awaitDeadLetterGauges(gaugeBefore);
        assertThat(admin.get(DELIVERY, "/deliveries/" + BOOKING).json().getString("status")).isEqualTo("CANCELLED");

        // Gone from DLA: a second re-drive of the same id finds nothing.
        listed.forEach((port, letters) -> {
            var again = admin.send("POST", port, "/admin/dead-letters/" + letters.get(0).getString("id") + "/redrive",
                    null, null);
            assertThat(again.status()).as(again.toString()).isEqualTo(404);
            assertThat(again.contentType()).startsWith("application/problem+json");
            assertThat(again.json().getString("type")).isEqualTo("urn:healthcheck:problem:dead-letter-not-found");
        });
    }
}
