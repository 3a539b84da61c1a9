package dev.healthcheck.helm.run;

import static dev.healthcheck.helm.run.Client.DELIVERY;
import static dev.healthcheck.helm.run.Client.MYPAGE;
import static dev.healthcheck.helm.run.Client.RESERVATION;
import static dev.healthcheck.helm.run.Client.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bookings of one schedule made through the reservation Service at a steady rate, each answer kept
 * (what clients were told), and the check that the release agrees with it once settled: every booking
 * answered 201 exists, every cancellation answered 200 is applied, nothing exists that nobody attempted,
 * and each booking that exists is whole (seats taken, one mail-out, one MyPage row, all in the same
 * state), including those whose request failed: nothing is half-done.
 */
final class Bookings implements AutoCloseable {

    /** The answer to a request that got none, even when sent again (connection refused or reset). */
    static final int NO_ANSWER = -1;
    private static final int PAGE = 500;
    /** How many times a request that gets no answer is sent in all, and the pause before each resend (see {@link #status}). */
    private static final int SENDS = 3;
    private static final long RESEND_AFTER_MILLIS = 1_000;

    private final Client alice;
    private final Client admin;
    private final long scheduleId;
    private final int capacity;
    private final AtomicLong nextId;
    private final Map<Long, Integer> booked = new ConcurrentSkipListMap<>();
    private final Map<Long, Integer> cancelled = new ConcurrentSkipListMap<>();
    private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> unavailable = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> repeated = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService requests = Executors.newCachedThreadPool();

    /** Publishes schedule {@code scheduleId} with {@code capacity} seats; reservation ids start at {@code firstId}. */
    Bookings(Cluster cluster, long scheduleId, int capacity, long firstId) {
        this.alice = Client.as(cluster, "alice");
        this.admin = Client.as(cluster, "admin");
        this.scheduleId = scheduleId;
        this.capacity = capacity;
        this.nextId = new AtomicLong(firstId);
        var registered = admin.post(SCHEDULE, "/schedules", Map.of("scheduleId", scheduleId, "availableCount", capacity));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    }

    /** Starts booking one seat {@code perSecond} times a second, each in its own request; every fifth booking made is cancelled. */
    Bookings start(int perSecond) {
        clock.scheduleAtFixedRate(() -> requests.execute(this::bookOne), 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return this;
    }

    /** Stops starting bookings and waits for those under way. */
    void stop() {
        clock.shutdownNow();
        requests.shutdown();
        try {
            assertThat(requests.awaitTermination(2, TimeUnit.MINUTES)).as("bookings under way ended").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void bookOne() {
        long id = nextId.getAndIncrement();
        int status = status("booking " + id, () -> alice.post(RESERVATION, "/reservations",
                Map.of("reservationId", id, "scheduleId", scheduleId, "reservationCount", 1)));
        booked.put(id, status);
        if (status == 201 && id % 5 == 0) {
            cancelled.put(id, status("cancellation " + id, () -> alice.delete(RESERVATION, "/reservations/" + id)));
        }
    }

    /**
     * The request's status; a 503 (the contract's "try again later"), any other 5xx or no answer is also
     * noted with its time, to be set beside the cluster's events. A request that got no answer at all (its
     * kept-alive connection closed by a pod that was stopping, or no pod to take it) is sent again after a
     * pause, as the contract lets a client do: a booking carries its own id and is never booked twice, and
     * cancelling twice is harmless. The pause lets the client's pool drop the other connections the stopped
     * pod closed at the same time: sent at once, the repeats of one booking took three of them in 2 ms
     * (CI, 2026-12-01). It is sent up to {@value #SENDS} times in all. Each repeat is noted.
     */
    private int status(String what, java.util.function.Supplier<Client.Reply> request) {
        for (int send = 1; ; send++) {
            Instant sent = Instant.now();
            try {
                return answered(sent, what, request.get());
            } catch (UncheckedIOException unanswered) {
                if (send == SENDS) {
                    failures.add(sent + " " + what + " (sent " + SENDS + " times): " + unanswered.getCause());
                    return NO_ANSWER;
                }
                repeated.add(sent + " " + what + ": " + unanswered.getCause() + ", sent again");
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RESEND_AFTER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int answered(Instant sent, String what, Client.Reply reply) {
        if (reply.status() == 503) {
            unavailable.add(sent + " " + what + ": " + reply.status() + " " + reply.body());
        } else if (reply.status() >= 500) {
            failures.add(sent + " " + what + ": " + reply.status() + " " + reply.body());
        } else if (reply.status() >= 400 && reply.status() != 409) {
            unexpected.add(sent + " " + what + ": " + reply.status() + " " + reply.body());
        }
        return reply.status();
    }

    /** Each send of a request that got no answer and was sent again: when, and what it got. */
    List<String> repeated() {
        return List.copyOf(repeated);
    }

    /** Each request answered 5xx other than 503, or not at all even when sent again: when it was sent, and what it got. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /**
     * Each request answered 4xx other than 409 (a booking still in progress): a one-seat booking of a
     * schedule that exists, or a cancellation of one's own booking, has no other refusal to expect.
     */
    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    /** Each request answered 503, the contract's answer when a service or its database is away or overloaded. */
    List<String> unavailable() {
        return List.copyOf(unavailable);
    }

    /** Every answer to a booking or cancellation, by status (NO_ANSWER for none). */
    Map<Integer, Long> answers() {
        Map<Integer, Long> answers = new TreeMap<>();
        booked.values().forEach(status -> answers.merge(status, 1L, Long::sum));
        cancelled.values().forEach(status -> answers.merge(status, 1L, Long::sum));
        return answers;
    }

    long acknowledged() {
        return booked.values().stream().filter(status -> status == 201).count();
    }

    /** Waits until the release agrees with what its clients were told (see the class comment). */
    void awaitConsistent(Duration deadline) {
        await().atMost(deadline).pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .untilAsserted(this::assertConsistent);
    }

    private void assertConsistent() {
        Map<Long, JsonNode> reservations = rows(RESERVATION, "/reservations");
        assertThat(reservations.keySet()).as("reservations nobody attempted").allMatch(booked::containsKey);
        booked.forEach((id, status) -> {
            if (status == 201) {
                assertThat(reservations).as("acknowledged booking %d", id).containsKey(id);
            }
        });
        reservations.forEach((id, row) -> {
            String expected = cancelled.getOrDefault(id, 0) == 200 ? "CANCELLED"
                    : cancelled.containsKey(id) ? row.path("status").asText() : "RESERVED";
            assertThat(row.path("status").asText()).as("reservation %d", id).isEqualTo(expected);
        });
        long active = reservations.values().stream().filter(Bookings::isActive)
                .mapToLong(row -> row.path("reservationCount").asLong()).sum();
        var schedule = admin.get(SCHEDULE, "/schedules/" + scheduleId);
        assertThat(schedule.status()).as(schedule.toString()).isEqualTo(200);
        assertThat(schedule.json().path("availableCount").asLong()).as("seats left").isEqualTo(capacity - active);

        Map<Long, JsonNode> deliveries = rows(DELIVERY, "/deliveries");
        assertThat(deliveries.keySet()).as("one mail-out per booking").containsExactlyInAnyOrderElementsOf(reservations.keySet());
        Map<Long, JsonNode> myPages = rows(MYPAGE, "/myPages");
        assertThat(myPages.keySet()).as("one MyPage row per booking").containsExactlyInAnyOrderElementsOf(reservations.keySet());
        reservations.forEach((id, row) -> {
            String state = isActive(row) ? "PREPARING" : "CANCELLED";
            assertThat(deliveries.get(id).path("status").asText()).as("delivery of %d", id).isEqualTo(state);
            assertThat(myPages.get(id).path("reservationStatus").asText()).as("MyPage %d", id).isEqualTo(row.path("status").asText());
            assertThat(myPages.get(id).path("deliveryStatus").asText()).as("MyPage %d", id).isEqualTo(state);
        });
    }

    private static boolean isActive(JsonNode reservation) {
        return reservation.path("status").asText().equals("RESERVED");
    }

    /** The rows of this schedule an administrator's lists show, a page at a time, by reservationId. */
    private Map<Long, JsonNode> rows(String service, String path) {
        Map<Long, JsonNode> rows = new TreeMap<>();
        for (int page = 0; ; page++) {
            var reply = admin.get(service, path + "?scheduleId=" + scheduleId + "&size=" + PAGE + "&page=" + page);
            assertThat(reply.status()).as("%s: %s", path, reply).isEqualTo(200);
            JsonNode rowsOfPage = reply.json();
            rowsOfPage.forEach(row -> assertThat(rows.put(row.path("reservationId").asLong(), row))
                    .as("%s lists %s twice", path, row).isNull());
            if (rowsOfPage.size() < PAGE) {
                return rows;
            }
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
        requests.shutdownNow();
    }

    @Override
    public String toString() {
        return "schedule " + scheduleId + ": " + booked.size() + " bookings attempted, answers " + answers()
                + ", " + repeated.size() + " sent again after no answer";
    }
}
