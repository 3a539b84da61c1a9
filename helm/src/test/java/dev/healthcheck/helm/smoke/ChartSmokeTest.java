package dev.healthcheck.helm.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The helm test's check, against a stand-in release whose faults it must catch. */
class ChartSmokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** schedule and reservation of one release, on one loopback port, with the contract's answers. */
    private static final class FakeRelease {
        final HttpServer server;
        final List<String> calls = new ArrayList<>();
        final AtomicInteger seats = new AtomicInteger(-1);
        final AtomicInteger nextReservation = new AtomicInteger(1);
        /** Bookings refused after a cancellation before its seat is back: the event's way to schedule. */
        int eventLag = 2;
        boolean seatsComeBack = true;
        boolean overbooks = false;
        int cancelledSeats;
        int lagLeft;

        FakeRelease() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::answer);
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private synchronized void answer(HttpExchange exchange) throws IOException {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String user = user(exchange);
            calls.add(user + " " + method + " " + path);
            if (method.equals("POST") && path.equals("/schedules")) {
                JsonNode schedule = JSON.readTree(body);
                if (!user.equals("admin") || !schedule.path("scheduleId").canConvertToLong()
                        || !schedule.path("availableCount").isInt()) {
                    reply(exchange, user.equals("admin") ? 400 : 403, null);
                    return;
                }
                seats.set(schedule.get("availableCount").intValue());
                reply(exchange, 201, "/schedules/1");
            } else if (method.equals("POST") && path.equals("/reservations")) {
                JsonNode booking = JSON.readTree(body);
                if (!user.equals("alice")) {
                    reply(exchange, 401, null);
                    return;
                }
                if (booking.path("reservationCount").intValue() != 1 || !booking.path("scheduleId").canConvertToLong()) {
                    reply(exchange, 400, null);
                    return;
                }
                if (cancelledSeats > 0 && seatsComeBack && lagLeft-- == 0) {
                    seats.addAndGet(cancelledSeats); // the cancellation's event has reached schedule
                    cancelledSeats = 0;
                }
                if (seats.get() > 0 || overbooks) {
                    seats.decrementAndGet();
                    // absolute once, relative once: the smoke resolves either against the request
                    String id = String.valueOf(nextReservation.getAndIncrement());
                    reply(exchange, 201, id.equals("1") ? uri() + "/reservations/1" : "/reservations/" + id);
                } else {
                    reply(exchange, 409, null);
                }
            } else if (method.equals("DELETE") && path.startsWith("/reservations/")) {
                cancelledSeats++;
                lagLeft = eventLag;
                reply(exchange, 200, null);
            } else {
                reply(exchange, 404, null);
            }
        }

        private static String user(HttpExchange exchange) {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            if (header == null || !header.startsWith("Basic ")) {
                return "anonymous";
            }
            String[] credentials = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            return credentials[1].equals(credentials[0] + "-password") ? credentials[0] : "wrong-password";
        }

        private static void reply(HttpExchange exchange, int status, String location) throws IOException {
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
            }
            byte[] body = status >= 400 ? ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }
    }

    private FakeRelease release;

    @AfterEach
    void stop() {
        release.server.stop(0);
    }

    private ChartSmoke smokeAgainst(FakeRelease fake, String alicePassword) {
        return new ChartSmoke(fake.uri(), fake.uri(), "admin-password", alicePassword,
                Duration.ofSeconds(2), Duration.ofMillis(20));
    }

    @Test
    void aWorkingReleaseBooksCancelsAndBooksTheSeatAgainOnceItIsBack() throws Exception {
        release = new FakeRelease();

        String report = smokeAgainst(release, "alice-password").run();

        assertThat(report).contains("passed");
        assertThat(release.calls).containsExactly(
                "admin POST /schedules",
                "alice POST /reservations", "alice POST /reservations", "alice DELETE /reservations/1",
                // refused twice while the cancellation travels to schedule, then booked
                "alice POST /reservations", "alice POST /reservations", "alice POST /reservations",
                "alice DELETE /reservations/2");
    }

    @Test
    void aSeatThatNeverComesBackFailsTheTest() throws Exception {
        release = new FakeRelease();
        release.seatsComeBack = false;

        assertThatThrownBy(() -> smokeAgainst(release, "alice-password").run())
                .isInstanceOf(ChartSmoke.Failure.class)
                .hasMessageContaining("alice books again after cancelling")
                .hasMessageContaining("did not come back within 2 s")
                .hasMessageContaining("answered 409");
    }

    @Test
    void anOverbookedScheduleFailsTheTest() throws Exception {
        release = new FakeRelease();
        release.overbooks = true;

        assertThatThrownBy(() -> smokeAgainst(release, "alice-password").run())
                .isInstanceOf(ChartSmoke.Failure.class)
                .hasMessageContaining("a second booking of the full schedule")
                .hasMessageContaining("answered 201");
    }

    @Test
    void credentialsTheReleaseRefusesFailTheTestNamingTheStatus() throws Exception {
        release = new FakeRelease();

        assertThatThrownBy(() -> smokeAgainst(release, "not-alices-password").run())
                .isInstanceOf(ChartSmoke.Failure.class)
                .hasMessageContaining("alice books the only seat")
                .hasMessageContaining("answered 401");
    }
}
