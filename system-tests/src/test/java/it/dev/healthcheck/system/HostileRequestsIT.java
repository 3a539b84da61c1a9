package it.dev.healthcheck.system;

import static it.dev.healthcheck.system.support.Api.DELIVERY;
import static it.dev.healthcheck.system.support.Api.MYPAGE;
import static it.dev.healthcheck.system.support.Api.RESERVATION;
import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.TheSystem;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Structured fuzzing: well over a thousand generated requests that no honest client sends (broken
 * JSON, wrong types, missing fields, absurd numbers, unknown schedules, oversized bodies, wrong content
 * types, unknown paths and methods, bad query parameters, mangled credentials), spread over every
 * endpoint and every kind of caller. Every answer must be a 4xx problem+json naming what was wrong,
 * and afterwards all four services must hold exactly what they held before.
 *
 * <p>Each generated request is built so that it cannot be honoured by anybody: bookings name a
 * schedule that does not exist, new schedules an id that does, seat holds an unknown schedule,
 * shipments a mail-out that does not exist. So a
 * lenient parser that accepted a mangled value still could not change anything legitimately. The seed
 * is printed; rerun one with {@code -Dfuzz.seed=…}.
 */
@ExtendWith(TheSystem.class)
class HostileRequestsIT {

    private static final int REQUESTS = 1_200;
    private static final long SCHEDULE_ID = 70;
    private static final long ALICES_BOOKING = 70_001;
    private static final long UNKNOWN_SCHEDULE = 987_654_321;
    /** Plus a fresh id: a mail-out no test's booking ever started. */
    private static final long UNKNOWN_RESERVATION = 987_654_321_000L;

    /** Paths with one id in them, %s where the id goes. */
    private static final List<Endpoint> ITEMS = List.of(
            new Endpoint(SCHEDULE, "/schedules/%s", "GET"),
            new Endpoint(RESERVATION, "/reservations/%s", "GET"),
            new Endpoint(RESERVATION, "/reservations/%s", "DELETE"),
            new Endpoint(DELIVERY, "/deliveries/%s", "GET"),
            new Endpoint(DELIVERY, "/deliveries/%s/shipment", "PUT"),
            new Endpoint(DELIVERY, "/deliveries/%s/arrival", "PUT"),
            new Endpoint(MYPAGE, "/myPages/%s", "GET"));
    private static final List<String> BAD_PAGING = List.of("page=-1", "size=0", "size=100000", "size=abc",
            "page=1000000000", "page=1.5", "size=-0x1");
    private static final List<String> BAD_SCHEDULE_FILTERS = List.of("scheduleId=abc", "scheduleId=0",
            "scheduleId=-7", "scheduleId=99999999999999999999");
    /** Each list with values out of range or of the wrong type for the query parameters it has. */
    private static final List<ListEndpoint> LISTS = List.of(
            new ListEndpoint(SCHEDULE, "/schedules", concat(BAD_PAGING, List.of("programme=" + "p".repeat(101),
                    "location=" + "l".repeat(201), "minAvailable=-1", "minAvailable=abc"))),
            new ListEndpoint(RESERVATION, "/reservations", concat(BAD_PAGING, BAD_SCHEDULE_FILTERS)),
            new ListEndpoint(DELIVERY, "/deliveries", concat(BAD_PAGING, BAD_SCHEDULE_FILTERS)),
            new ListEndpoint(MYPAGE, "/myPages", concat(BAD_PAGING, concat(BAD_SCHEDULE_FILTERS,
                    List.of("customerId=" + "x".repeat(65))))));
    private static final List<String> BAD_IDS = List.of("abc", "0", "-1", "1.5", "99999999999999999999", "%00",
            "%20", "..%2f..%2f", "9".repeat(300), "1e3", "0x10", "%E2%82%AC", "null");
    private static final List<String> MALFORMED_JSON = List.of("", "{", "}", "[", "[]", "null", "true", "42",
            "\"a string\"", "{\"scheduleId\":}", "{\"scheduleId\" 1}", "{'scheduleId':1}", "{\"a\":1,}",
            "{\"scheduleId\":1 /* comment */}", "{\"scheduleId\":NaN}", "{\"scheduleId\":Infinity}",
            "\u0000\u0001\u0002", "{\"scheduleId\":\"\\uZZZZ\"}", "[".repeat(5_000) + "]".repeat(5_000),
            "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000), "<xml/>", "scheduleId=1&availableCount=2");
    // A number in quotes is one JSON-B reads as that number, so it must be an id nobody could honour:
    // "1" named schedule 1, which other tests create, and booked it (seed 20551565286627).
    private static final List<Object> BAD_IDS_IN_JSON = List.of(0, -1, Long.MIN_VALUE, "99999999999999999999",
            "1e400", 1_000_000_000_000L, "\"abc\"", "true", "[]", "{}", "\"\"", "\"0\"");
    private static final List<Object> BAD_COUNTS_IN_JSON = List.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE,
            "99999999999999999999", "1e400", "1.5", "-0.5", "\"abc\"", "false", "[1]", "{\"n\":1}", "\"\"");
    private static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "image/png",
            "application/octet-stream", "application/jsonx", "text/json-ish");
    private static final List<String> WRONG_METHODS = List.of(
            "PATCH :8081/schedules/70", "DELETE :8081/schedules/70", "PUT :8081/schedules", "DELETE :8081/schedules",
            "POST :8081/schedules/70", "PATCH :8081/schedules/70/seatHolds/1", "POST :8081/schedules/70/seatHolds/1",
            "PUT :8082/reservations", "PATCH :8082/reservations/70001", "PUT :8082/reservations/70001",
            "POST :8082/reservations/70001", "DELETE :8082/reservations", "POST :8083/deliveries",
            "DELETE :8083/deliveries/70001", "PUT :8083/deliveries/70001", "POST :8083/deliveries/70001/shipment",
            "DELETE :8083/deliveries/70001/shipment", "PATCH :8083/deliveries/70001/arrival",
            "POST :8083/deliveries/70001/arrival", "POST :8084/myPages",
            "DELETE :8084/myPages/70001", "PATCH :8084/myPages/70001");
    private static final List<String> UNKNOWN_PATHS = List.of(":8081/nope", ":8081/schedules/70/nope",
            ":8081/schedules/70/seatHolds", ":8082/reservations/70001/cancel", ":8082/reservation",
            ":8083/deliveries/70001/address", ":8083/deliveries/70001/shipment/1", ":8083/deliveries/shipment", ":8084/myPages/70001/rows", ":8084/mypages", ":8082/../etc/passwd",
            ":8083/%2e%2e/%2e%2e", ":8084/" + "a/".repeat(200));

    private final Api alice = Api.as("alice");
    private final Api admin = Api.as("admin");
    private final List<Api> callers = List.of(Api.anonymous(), Api.impostor("admin"), alice, Api.as("bob"), admin,
            Api.asService(), Api.presenting("Basic !!!"), Api.presenting("Bearer abc.def.ghi"),
            Api.presenting("Basic " + base64("no-colon-here")), Api.presenting("Basic " + base64("admin:")),
            Api.presenting("Digest username=\"admin\""));

    @BeforeAll
    static void aScheduleWithOneBooking() {
        var admin = Api.as("admin");
        assertThat(admin.post(SCHEDULE, "/schedules", Map.of("scheduleId", SCHEDULE_ID, "availableCount", 50))
                .status()).isEqualTo(201);
        assertThat(Api.as("alice").post(RESERVATION, "/reservations",
                Map.of("reservationId", ALICES_BOOKING, "scheduleId", SCHEDULE_ID, "reservationCount", 2))
                .status()).isEqualTo(201);
    }

    @Test
    void everyHostileRequestIsA4xxProblemAndChangesNothing() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        var random = new Random(seed);
        var before = quietState();

        Map<String, Map<Integer, Integer>> answers = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int refusedUris = 0;
        for (int i = 0; i < REQUESTS; i++) {
            var request = generate(random, i);
            var reply = request.caller().send(request.method(), request.port(), request.path(), request.contentType(),
                    request.body());
            answers.computeIfAbsent(request.kind(), k -> new TreeMap<>()).merge(reply.status(), 1, Integer::sum);
            if (isRefusedByTheWebContainer(reply)) {
                refusedUris++;
            }
            problemIn(reply).ifPresent(problem -> wrong.add(request + " -> " + problem));
        }
        System.out.printf("HostileRequestsIT: seed %d, %d requests, answers by kind %s; %d URIs refused by the web "
                + "container before any application%n", seed, REQUESTS, answers, refusedUris);

        assertThat(wrong).as("answers that were not a clean 4xx problem (seed %d)", seed).isEmpty();
        assertThat(quietState()).as("the state of all four services after the fuzzing (seed %d)", seed)
                .isEqualTo(before);
    }

    /** PostgreSQL cannot store or search for U+0000 (Derby could): refused as invalid text on both, never a 500. */
    @Test
    void aNulCharacterInTextThatIsStoredOrSearchedForIsAValidationProblem() {
        var registration = admin.post(SCHEDULE, "/schedules",
                Map.of("scheduleId", 70_099, "availableCount", 1, "programme", "standard\u0000", "location", "\u0000"));
        assertThat(registration.status()).as(registration.toString()).isEqualTo(400);
        assertThat(registration.json().getString("type")).isEqualTo("urn:healthcheck:problem:validation-failed");
        assertThat(registration.json().getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")))
                .containsExactlyInAnyOrder("programme", "location");
        assertThat(admin.get(SCHEDULE, "/schedules/70099").status()).as("nothing registered").isEqualTo(404);
        for (var search : List.of(Map.entry(SCHEDULE, "/schedules?programme=a%00b"),
                Map.entry(SCHEDULE, "/schedules?location=%00"), Map.entry(MYPAGE, "/myPages?customerId=alice%00"))) {
            var reply = admin.get(search.getKey(), search.getValue());
            assertThat(reply.status()).as(search + " -> " + reply).isEqualTo(400);
            assertThat(problemIn(reply)).as(search.toString()).isEmpty();
        }
    }

    /** One hostile request of a randomly chosen kind, from a randomly chosen caller. */
    private Hostile generate(Random random, int index) {
        Api caller = pick(random, callers);
        long freshId = 70_100 + index;
        return switch (random.nextInt(9)) {
            case 0 -> new Hostile("malformed JSON", caller, "POST", RESERVATION, "/reservations", "application/json",
                    pick(random, MALFORMED_JSON));
            case 1 -> mangledBody(random, caller, freshId);
            case 2 -> {
                var base = honestlyRefusedBody(random, freshId);
                yield base.with("wrong content type", caller, pick(random, WRONG_CONTENT_TYPES), base.body());
            }
            case 3 -> {
                var base = honestlyRefusedBody(random, freshId);
                String padding = " ".repeat(16_384 + random.nextInt(48_000));
                yield base.with("oversized body", caller, "application/json", base.body().replace("{", "{" + padding));
            }
            case 4 -> {
                var endpoint = pick(random, ITEMS);
                yield new Hostile("bad id in path", caller, endpoint.method(), endpoint.port(),
                        endpoint.path().formatted(pick(random, BAD_IDS)), null, null);
            }
            case 5 -> {
                var list = pick(random, LISTS);
                yield new Hostile("bad query", caller, "GET", list.port(),
                        list.path() + "?" + pick(random, list.badQueries()), null, null);
            }
            case 6 -> {
                String[] methodAndTarget = pick(random, WRONG_METHODS).split(" :");
                yield at("wrong method", caller, methodAndTarget[0], methodAndTarget[1], "{}");
            }
            case 7 -> at("unknown path", caller, pick(random, List.of("GET", "POST", "DELETE")),
                    pick(random, UNKNOWN_PATHS), null);
            default -> new Hostile("unknown schedule", caller, "POST", RESERVATION, "/reservations", "application/json",
                    "{\"reservationId\":" + freshId + ",\"scheduleId\":" + UNKNOWN_SCHEDULE + ",\"reservationCount\":1}");
        };
    }

    /** A request body with one field replaced by something of the wrong type or an absurd value, or left out. */
    private Hostile mangledBody(Random random, Api caller, long freshId) {
        var base = honestlyRefusedBody(random, freshId);
        var fields = new TreeMap<>(base.fields());
        String field = pick(random, new ArrayList<>(fields.keySet()));
        if (random.nextInt(4) == 0) {
            fields.remove(field);
        } else {
            boolean isId = field.endsWith("Id");
            fields.put(field, String.valueOf(pick(random, isId ? BAD_IDS_IN_JSON : BAD_COUNTS_IN_JSON)));
        }
        return new Hostile("mangled field", caller, base.method(), base.port(), base.path(), "application/json",
                json(fields));
    }

    /**
     * A body that is well-formed but cannot be honoured: a schedule whose id is taken, a booking of an
     * unknown schedule, a seat hold on an unknown schedule, the shipment of a mail-out that does not exist.
     */
    private BodyTemplate honestlyRefusedBody(Random random, long freshId) {
        return switch (random.nextInt(4)) {
            case 0 -> new BodyTemplate("POST", SCHEDULE, "/schedules",
                    Map.of("scheduleId", String.valueOf(SCHEDULE_ID), "availableCount", "10"));
            case 1 -> new BodyTemplate("POST", RESERVATION, "/reservations", Map.of("reservationId",
                    String.valueOf(freshId), "scheduleId", String.valueOf(UNKNOWN_SCHEDULE), "reservationCount", "1"));
            case 2 -> new BodyTemplate("PUT", SCHEDULE, "/schedules/" + UNKNOWN_SCHEDULE + "/seatHolds/" + freshId,
                    Map.of("count", "1", "attempt", "1"));
            default -> new BodyTemplate("PUT", DELIVERY, "/deliveries/" + (UNKNOWN_RESERVATION + freshId) + "/shipment",
                    Map.of("trackingReference", "\"RR" + freshId + "JP\""));
        };
    }

    /** What is wrong with an answer to a hostile request, if anything. */
    private static Optional<String> problemIn(Api.Reply reply) {
        if (reply.status() < 400 || reply.status() >= 500) {
            return Optional.of("status " + reply);
        }
        if (isRefusedByTheWebContainer(reply)) {
            return Optional.empty();
        }
        if (!reply.contentType().startsWith("application/problem+json")) {
            return Optional.of("not problem+json: " + reply);
        }
        JsonObject problem = reply.json();
        if (problem.getInt("status", -1) != reply.status() || problem.getString("detail", "").isBlank()) {
            return Optional.of("problem without matching status or a detail: " + reply);
        }
        if (reply.body().contains("Exception") || reply.body().contains("\tat ")) {
            return Optional.of("leaks the server's insides: " + reply);
        }
        return Optional.empty();
    }

    /**
     * Liberty's web container refuses a URI with an encoded NUL, an encoded slash or dot-segments above
     * the root itself, before it picks an application: a 400 with its own short HTML message. No
     * application code runs, so that answer cannot be problem+json; it is the one documented exception.
     */
    private static boolean isRefusedByTheWebContainer(Api.Reply reply) {
        return reply.status() == 400 && reply.contentType().startsWith("text/html")
                && reply.body().contains("CWWWC0005I");
    }

    /**
     * Everything the four services hold, as an administrator lists it; read once nothing has changed
     * for two seconds (the tests before this one may still be settling).
     */
    private Map<String, TreeSet<String>> quietState() {
        Map<String, TreeSet<String>> state = new TreeMap<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            var now = state();
            boolean unchanged = now.equals(state);
            state.clear();
            state.putAll(now);
            return unchanged;
        });
        return state;
    }

    private Map<String, TreeSet<String>> state() {
        return Map.of(
                "schedules", everyRow(SCHEDULE, "/schedules", 100, reply -> reply.json().getJsonArray("items")),
                "reservations", everyRow(RESERVATION, "/reservations", 500, Api.Reply::jsonArray),
                "deliveries", everyRow(DELIVERY, "/deliveries", 500, Api.Reply::jsonArray),
                "myPages", everyRow(MYPAGE, "/myPages", 1_000, Api.Reply::jsonArray));
    }

    private TreeSet<String> everyRow(int port, String path, int size, Function<Api.Reply, JsonArray> rowsOf) {
        var rows = new TreeSet<String>();
        admin.everyRow(port, path, "", size, rowsOf).forEach(row -> rows.add(row.toString()));
        return rows;
    }

    private static Hostile at(String kind, Api caller, String method, String portAndPath, String body) {
        String target = portAndPath.startsWith(":") ? portAndPath.substring(1) : portAndPath;
        int slash = target.indexOf('/');
        return new Hostile(kind, caller, method, Integer.parseInt(target.substring(0, slash)), target.substring(slash), body == null ? null : "application/json", body);
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** Field values are JSON text already (numbers, quoted strings, arrays), so they go in as they are. */
    private static String json(Map<String, String> fields) {
        var out = new StringBuilder("{");
        fields.forEach((name, value) -> out.append(out.length() > 1 ? "," : "").append('"').append(name)
                .append("\":").append(value));
        return out.append('}').toString();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private record Endpoint(int port, String path, String method) {
    }

    private record ListEndpoint(int port, String path, List<String> badQueries) {
    }

    private record BodyTemplate(String method, int port, String path, Map<String, String> fields) {
        String body() {
            return json(fields);
        }

        Hostile with(String kind, Api caller, String contentType, String body) {
            return new Hostile(kind, caller, method, port, path, contentType, body);
        }
    }

    private record Hostile(String kind, Api caller, String method, int port, String path, String contentType,
                           String body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : " " + (body.length() > 120 ? body.substring(0, 120) + "…(" + body.length()
                    + " chars)" : body);
            return kind + ": " + caller.user() + " " + method + " :" + port
                    + (path.length() > 120 ? path.substring(0, 120) + "…" : path) + " [" + contentType + "]" + shown;
        }
    }
}
