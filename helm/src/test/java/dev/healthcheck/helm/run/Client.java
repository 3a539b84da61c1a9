package dev.healthcheck.helm.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** One user of the release, calling its Services over HTTP with basic authentication and JSON. */
final class Client {

    static final String SCHEDULE = "healthcheck-schedule";
    static final String RESERVATION = "healthcheck-reservation";
    static final String DELIVERY = "healthcheck-delivery";
    static final String MYPAGE = "healthcheck-mypage";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Cluster cluster;
    private final HttpClient http;
    private final String authorization;

    private Client(Cluster cluster, String user, String password) {
        this.cluster = cluster;
        this.http = cluster.httpClient();
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** admin, alice or bob, with the password from the release's Secret. */
    static Client as(Cluster cluster, String user) {
        String key = user.equals("admin") ? "ADMIN_PASSWORD" : "CUSTOMER_" + user.toUpperCase() + "_PASSWORD";
        return new Client(cluster, user, cluster.secret("healthcheck-credentials").get(key));
    }

    /** Waits until the service's /health/ready answers 200 with its broker check UP (its database reached too). */
    void awaitReadyWithTheBrokerUp(String service, Duration deadline) {
        await().atMost(deadline).untilAsserted(() -> {
            var ready = get(service, "/health/ready");
            assertThat(ready.status()).as("%s: %s", service, ready).isEqualTo(200);
            assertThat(ready.json().findValuesAsText("broker")).as("%s: %s", service, ready)
                    .containsExactly("UP");
        });
    }

    Reply get(String service, String path) {
        return send(request(service, path).GET());
    }

    Reply post(String service, String path, Map<String, ?> body) {
        try {
            return send(request(service, path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply delete(String service, String path) {
        return send(request(service, path).DELETE());
    }

    private HttpRequest.Builder request(String service, String path) {
        return HttpRequest.newBuilder(cluster.service(service, 9080).resolve(path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                .header("Authorization", authorization);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP answer. */
    record Reply(int status, String location, Long retryAfter, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
