package dev.healthcheck.helm.smoke;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The chart's {@code helm test}: one seat booked and cancelled against an installed release, through
 * the Services' names. An administrator publishes a one-seat schedule; alice books it (201 with a
 * Location); a second booking is refused (409: the seat is really taken); she cancels; and she can book
 * again once schedule has been given the seat back, which it learns from the ReservationCancelled event,
 * so the broker and the saga are part of the check. The rebooking is cancelled too.
 *
 * <p>It runs in the reservation image, where only a JRE is certain: no dependencies, no curl, and no
 * JSON parsing (there is no JSON library in a bare JRE); the checks are status codes and the Location.
 */
public final class ChartSmoke {

    /** Where the service image carries this jar; the chart's test Pod runs it with {@code java -jar}. */
    public static final String JAR_IN_IMAGE = "/opt/healthcheck/chart-smoke.jar";

    /** The environment the test Pod sets: the two Services' URLs and two passwords from the release's Secret. */
    public static final List<String> ENVIRONMENT =
            List.of("SCHEDULE_URL", "RESERVATION_URL", "ADMIN_PASSWORD", "CUSTOMER_ALICE_PASSWORD");

    /** Outside the range people type by hand, inside NewSchedule's bound: a test schedule is easy to tell apart. */
    private static final long FIRST_TEST_SCHEDULE = 900_000_000_000L;
    private static final long LAST_SCHEDULE = 999_999_999_999L;

    private final URI schedule;
    private final URI reservation;
    private final String admin;
    private final String alice;
    private final Duration patience;
    private final Duration pause;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param patience how long the cancelled seat may take to come back to the schedule
     * @param pause    between two attempts to book it again
     */
    public ChartSmoke(URI schedule, URI reservation, String adminPassword, String alicePassword,
                      Duration patience, Duration pause) {
        this.schedule = schedule;
        this.reservation = reservation;
        this.admin = basic("admin", adminPassword);
        this.alice = basic("alice", alicePassword);
        this.patience = patience;
        this.pause = pause;
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        List<String> missing = ENVIRONMENT.stream().filter(name -> env.getOrDefault(name, "").isBlank()).toList();
        if (!missing.isEmpty()) {
            System.err.println("chart smoke test: not set: " + missing);
            System.exit(2);
        }
        var smoke = new ChartSmoke(URI.create(env.get("SCHEDULE_URL")), URI.create(env.get("RESERVATION_URL")),
                env.get("ADMIN_PASSWORD"), env.get("CUSTOMER_ALICE_PASSWORD"), Duration.ofSeconds(120), Duration.ofSeconds(1));
        try {
            System.out.println(smoke.run());
        } catch (Failure e) {
            System.err.println("chart smoke test FAILED: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("chart smoke test FAILED: " + e); // a refused connection has no message of its own
            System.exit(1);
        }
    }

    /** Books and cancels one seat; says what it did, or throws {@link Failure} naming the step that went wrong. */
    public String run() throws IOException, InterruptedException {
        long scheduleId = publishOneSeatSchedule();
        String booking = "{\"scheduleId\":" + scheduleId + ",\"reservationCount\":1}";

        URI first = location(expect(Set.of(201), send(post("/reservations", alice, booking)), "alice books the only seat"));
        expect(Set.of(409), send(post("/reservations", alice, booking)), "a second booking of the full schedule");
        expect(Set.of(200, 204), send(authorised(HttpRequest.newBuilder(first).DELETE(), alice)), "alice cancels " + first);

        URI second = location(bookOnceTheSeatIsBack(booking, first));
        expect(Set.of(200, 204), send(authorised(HttpRequest.newBuilder(second).DELETE(), alice)), "alice cancels " + second);
        return "chart smoke test passed: schedule " + scheduleId + " (1 seat) booked as " + first
                + ", a second booking refused, cancelled, booked again as " + second + " once the seat was back, cancelled";
    }

    private long publishOneSeatSchedule() throws IOException, InterruptedException {
        HttpResponse<String> answer = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            long scheduleId = ThreadLocalRandom.current().nextLong(FIRST_TEST_SCHEDULE, LAST_SCHEDULE + 1);
            // the one JSON this writes: two numbers into a fixed shape (a bare JRE has no JSON library)
            answer = send(postTo(schedule, "/schedules", admin,
                    "{\"scheduleId\":" + scheduleId + ",\"availableCount\":1,\"programme\":\"helm test\"}"));
            if (answer.statusCode() == 201) {
                return scheduleId;
            }
            if (answer.statusCode() != 409) {
                break; // 409: that id is taken by an earlier run, draw another
            }
        }
        throw failure("the administrator publishes a one-seat schedule", answer);
    }

    private HttpResponse<String> bookOnceTheSeatIsBack(String booking, URI cancelled) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            HttpResponse<String> answer = send(post("/reservations", alice, booking));
            if (answer.statusCode() == 201) {
                return answer;
            }
            if (answer.statusCode() != 409 || Instant.now().isAfter(deadline)) {
                throw failure("alice books again after cancelling " + cancelled + " (the seat did not come back within "
                        + patience.toSeconds() + " s)", answer);
            }
            Thread.sleep(pause.toMillis());
        }
    }

    private HttpRequest post(String path, String authorization, String json) {
        return postTo(reservation, path, authorization, json);
    }

    private static HttpRequest postTo(URI service, String path, String authorization, String json) {
        return authorised(HttpRequest.newBuilder(service.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), authorization);
    }

    private static HttpRequest authorised(HttpRequest.Builder request, String authorization) {
        return request.header("Authorization", authorization).timeout(Duration.ofSeconds(15)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect(Set<Integer> statuses, HttpResponse<String> answer, String step) {
        if (!statuses.contains(answer.statusCode())) {
            throw failure(step, answer);
        }
        return answer;
    }

    private static URI location(HttpResponse<String> answer) {
        return answer.headers().firstValue("Location")
                .map(location -> answer.request().uri().resolve(location))
                .orElseThrow(() -> failure("the booking's answer names no Location", answer));
    }

    private static Failure failure(String step, HttpResponse<String> answer) {
        if (answer == null) {
            return new Failure(step + ": no answer");
        }
        String body = answer.body() == null ? "" : answer.body();
        return new Failure(step + ": " + answer.request().method() + " " + answer.request().uri() + " answered "
                + answer.statusCode() + (body.isBlank() ? "" : " " + body.substring(0, Math.min(body.length(), 300))));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A step of the check that did not get the answer a working release gives. */
    public static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }
}
