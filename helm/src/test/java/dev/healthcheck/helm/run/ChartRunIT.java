package dev.healthcheck.helm.run;

import static dev.healthcheck.helm.run.Client.DELIVERY;
import static dev.healthcheck.helm.run.Client.MYPAGE;
import static dev.healthcheck.helm.run.Client.RESERVATION;
import static dev.healthcheck.helm.run.Client.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.healthcheck.helm.Chart;
import dev.healthcheck.helm.Rendered;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chart rendered with the local images (values/local-images.yaml) and TLS on (values/tls.yaml, with
 * a CA and certificate made for the run, {@link ReleaseCertificates}), and run in podman as a cluster
 * would run it ({@link Cluster}); every request goes through a Service, over HTTPS. One release for all
 * the tests (a start costs minutes): each test keeps to its own schedule and reservation ids. TLS off is
 * the chart's default and how the system tests run the servers; its rendering is held by TlsTest.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChartRunIT {

    private static final List<String> VALUES = List.of("local-images.yaml", "tls.yaml");
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final List<String> SERVICES = List.of("schedule", "reservation", "delivery", "mypage");
    private static Rendered installed;
    /** The --set values of the release as last upgraded: a later upgrade keeps them, as helm upgrade --reuse-values would. */
    private static Map<String, Object> released = Map.of();
    private static Cluster cluster;
    private static Client admin;
    private static Client alice;

    @BeforeAll
    static void install() {
        Instant start = Instant.now();
        installed = Chart.render(VALUES, Map.of());
        ReleaseCertificates certificates = ReleaseCertificates.issue(installed, Path.of("target/chart-run/tls"));
        cluster = Cluster.start(installed, certificates.secrets(), certificates.clientContext());
        cluster.awaitAllReady(Duration.ofMinutes(5));
        System.out.println("chart-run: every pod ready " + Duration.between(start, Instant.now()).toSeconds() + " s after the start");
        admin = Client.as(cluster, "admin");
        alice = Client.as(cluster, "alice");
    }

    @AfterAll
    static void uninstall() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(0)
    void everyServiceAnswersHttpsOnlyAndReachesTheBrokerAndTheDatabaseOverTls() throws Exception {
        assertThat(cluster.podsOf("healthcheck-derby").get(0).logs()).as("the Derby network server's start")
                .contains("started and ready to accept SSL connections on port 1527");
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (String service : List.of(SCHEDULE, RESERVATION, DELIVERY, MYPAGE)) {
            // ready: its data source reached Derby, whose server takes SSL only; the broker's only acceptor
            // speaks TLS, so UP means the server's own connection to it does too
            await().atMost(EVENTUALLY).untilAsserted(() -> {
                var ready = admin.get(service, "/health/ready");
                assertThat(ready.status()).as("%s over HTTPS: %s", service, ready).isEqualTo(200);
                assertThat(ready.json().findValuesAsText("broker")).as("%s: %s", service, ready).containsExactly("UP");
            });

            URI clear = URI.create(cluster.service(service, 9080).toString().replace("https://", "http://")).resolve("/health/ready");
            assertThat(cluster.service(service, 9080).getScheme()).isEqualTo("https");
            Integer status;
            try {
                status = plain.send(HttpRequest.newBuilder(clear).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException refused) {
                status = null;
            }
            assertThat(status).as("%s in clear on its API port", service).satisfiesAnyOf(
                    s -> assertThat(s).isNull(), s -> assertThat(s).isGreaterThanOrEqualTo(400));
        }
    }

    @Test
    @Order(1)
    void theOriginalScenarioBooksCancelsAndNeverOversellsThroughTheServices() {
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

    @Test
    @Order(2)
    void theChartsHelmTestPodPasses() {
        var results = cluster.runTests();

        assertThat(results).as("the chart's helm test hook Pods").isNotEmpty();
        results.forEach((pod, result) -> assertThat(result.passed()).as("%s exited %s:%n%s", pod, result.exit(), result.log()).isTrue());
    }

    @Test
    @Order(3)
    void eachServiceContainerKilledWithSignal9IsStartedAgainAndNoBookingIsHalfDone() {
        try (Bookings bookings = new Bookings(cluster, 2, 1_000, 2_000).start(2)) {
            for (String service : SERVICES) {
                RunningPod pod = cluster.podsOf("healthcheck-" + service).get(0);
                int restarts = pod.restarts();
                pod.kill9();
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> pod.restarts() > restarts && pod.isReady());
                System.out.println("chart-run: " + pod.name + " killed -9, started again and ready");
            }
            bookings.stop();
            System.out.println("chart-run: kill -9, " + bookings);
            assertThat(bookings.acknowledged()).as(bookings.toString()).isPositive();
            bookings.awaitConsistent(Duration.ofMinutes(2));
        }
    }

    @Test
    @Order(4)
    void aRollingUpdateOfReservationUnderFiveBookingsASecondReplacesThePodInOrderAndLeavesNothingHalfDone() {
        released = Map.of("services.reservation.booking.retryAfterSeconds", 7);
        Rendered upgraded = Chart.upgrade(installed, Chart.DIRECTORY, withImages(VALUES), released);
        RunningPod old = cluster.podsOf("healthcheck-reservation").get(0);
        try (Bookings bookings = new Bookings(cluster, 3, 2_000, 3_000).start(5)) {
            await().atMost(EVENTUALLY).until(() -> bookings.acknowledged() >= 10);
            int eventsBefore = cluster.events().size();
            cluster.apply(upgraded);
            List<String> created = cluster.events().subList(eventsBefore, cluster.events().size()).stream()
                    .filter(e -> e.what().equals("created")).map(Cluster.Event::pod).toList();
            long afterRoll = bookings.acknowledged();
            await().atMost(EVENTUALLY).until(() -> bookings.acknowledged() >= afterRoll + 10);
            bookings.stop();
            System.out.println("chart-run: rolling update, " + bookings);

            RunningPod fresh = cluster.podsOf("healthcheck-reservation").get(0);
            assertThat(fresh.name).isNotEqualTo(old.name);
            List<String> order = cluster.events().stream()
                    .filter(e -> e.pod().equals(fresh.name) || e.pod().equals(old.name))
                    .map(e -> (e.pod().equals(fresh.name) ? "new " : "old ") + e.what()).toList();
            assertThat(order).as("what the kubelets did").containsSubsequence(
                    "new created", "new ready", "old terminating: out of the endpoints", "old preStop", "old SIGTERM");
            assertThat(order).as("the old pod ended on SIGTERM (143) within its grace period, not SIGKILL (137)")
                    .containsSubsequence("old SIGTERM", "old exited 143");
            assertThat(created).as("pods the upgrade created: reservation's only").containsExactly(fresh.name);
            // No 5xx at all, 503 included: the new pod is started only once its path to schedule is warm
            // (ScheduleWarmUp). A request that met the old pod's SIGTERM on a kept-alive connection is sent
            // again, as the contract allows (see Bookings); each is printed, and a second miss is a failure.
            bookings.repeated().forEach(repeat -> System.out.println("chart-run: rolling update, " + repeat));
            System.out.println("chart-run: rolling update, the new pod's warm-up: " + fresh.logs().lines()
                    .filter(line -> line.contains("warm")).toList());
            assertThat(bookings.failures()).as("answered 5xx or not at all; %s; events %s", bookings, order).isEmpty();
            bookings.awaitConsistent(Duration.ofMinutes(2));
        }
    }

    @Test
    @Order(5)
    void theBrokerRestartedWithAChangedBrokerXmlHasTheNewValueInForceAndNothingIsLost() throws Exception {
        Path chart = Path.of("target/chart-run/changed-broker-xml");
        Chart.copyChart(Chart.DIRECTORY, chart);
        Path brokerXml = chart.resolve("files/broker.xml");
        String original = Files.readString(brokerXml);
        assertThat(original).contains("<name>healthcheck</name>");
        Files.writeString(brokerXml, original.replace("<name>healthcheck</name>", "<name>healthcheck-changed</name>"));
        Rendered upgraded = Chart.upgrade(installed, chart, withImages(VALUES), released);

        RunningPod oldBroker = cluster.podsOf("healthcheck-artemis").get(0);
        try (Bookings bookings = new Bookings(cluster, 4, 1_000, 4_000).start(2)) {
            await().atMost(EVENTUALLY).until(() -> bookings.acknowledged() >= 5);
            int eventsBefore = cluster.events().size();
            cluster.apply(upgraded);
            List<Cluster.Event> roll = cluster.events().subList(eventsBefore, cluster.events().size());
            long afterRestart = bookings.acknowledged();
            await().atMost(EVENTUALLY).until(() -> bookings.acknowledged() >= afterRestart + 5);
            bookings.stop();
            System.out.println("chart-run: broker restarted with a changed broker.xml, " + bookings);

            assertThat(roll).as("the changed ConfigMap rolled the broker, and only the broker")
                    .filteredOn(e -> e.what().equals("created")).extracting(Cluster.Event::pod)
                    .containsExactly(oldBroker.name);
            RunningPod broker = cluster.podsOf("healthcheck-artemis").get(0);
            assertThat(broker.logs()).as("the broker's start names it with the new value")
                    .contains("[healthcheck-changed, nodeID=");
            bookings.awaitConsistent(Duration.ofMinutes(2));
        }
    }

    @Test
    @Order(6)
    void theDerbyNetworkServerRestartedUnderBookingsLosesNothing() {
        try (Bookings bookings = new Bookings(cluster, 5, 1_000, 5_000).start(2)) {
            await().atMost(EVENTUALLY).until(() -> bookings.acknowledged() >= 5);
            RunningPod derby = cluster.deleteAndReplace(cluster.podsOf("healthcheck-derby").get(0));
            await().atMost(Duration.ofMinutes(2)).until(derby::isReady);
            long afterRestart = bookings.acknowledged();
            await().atMost(Duration.ofMinutes(2)).until(() -> bookings.acknowledged() >= afterRestart + 5);
            bookings.stop();
            System.out.println("chart-run: Derby network server restarted, " + bookings);

            bookings.awaitConsistent(Duration.ofMinutes(2));
        }
    }

    private static List<String> withImages(List<String> values) {
        List<String> all = new java.util.ArrayList<>(List.of(Chart.IMAGES));
        all.addAll(values);
        return all;
    }

    /**
     * A booking as the contract's client makes it: a 503 means nothing was booked, to be tried again
     * after its Retry-After. A fresh release needs that: the first seat hold on a cold schedule JVM
     * (one CPU) can take longer than reservation's 1 s timeout. Each 503 is printed.
     */
    private static Client.Reply book(Map<String, Object> booking) {
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

    private static int availableSeats(int scheduleId) {
        var schedule = alice.get(SCHEDULE, "/schedules/" + scheduleId);
        assertThat(schedule.status()).as(schedule.toString()).isEqualTo(200);
        return schedule.json().path("availableCount").asInt();
    }

    private static String deliveryStatus(int reservationId) {
        var delivery = alice.get(DELIVERY, "/deliveries/" + reservationId);
        return delivery.status() == 200 ? delivery.json().path("status").asText() : "HTTP " + delivery.status();
    }
}
