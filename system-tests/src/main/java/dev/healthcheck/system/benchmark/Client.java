package dev.healthcheck.system.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/** One development user calling the local servers over plain HTTP/1.1 with basic authentication. */
final class Client {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String authorization;

    private Client(String user, String password) {
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** admin, alice or bob, with the password dev.env gives the local servers. */
    static Client as(Properties dev, String user) {
        String key = user.equals("admin") ? "ADMIN_PASSWORD" : "CUSTOMER_" + user.toUpperCase() + "_PASSWORD";
        return new Client(user, dev.getProperty(key));
    }

    Reply post(int port, String path, String json) {
        return send(postRequest(port, path, json).build());
    }

    Reply get(int port, String path) {
        return send(request(port, path).GET().build());
    }

    /** A plain-text resource such as /metrics (which answers no JSON). */
    String text(int port, String path) {
        return send(request(port, path).setHeader("Accept", "text/plain").GET().build()).body();
    }

    /** Sent at once; completes with the answer, or exceptionally when none came (10 s). */
    CompletableFuture<Reply> postAsync(int port, String path, String json) {
        return HTTP.sendAsync(postRequest(port, path, json).build(), HttpResponse.BodyHandlers.ofString()).thenApply(Client::reply);
    }

    CompletableFuture<Reply> getAsync(int port, String path) {
        return HTTP.sendAsync(request(port, path).GET().build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(Client::reply);
    }

    private HttpRequest.Builder postRequest(int port, String path, String json) {
        return request(port, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private static Reply send(HttpRequest request) {
        try {
            return reply(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Reply reply(HttpResponse<String> response) {
        return new Reply(response.statusCode(), response.headers().firstValue("Location").orElse(""), response.body());
    }

    record Reply(int status, String location, String body) {

        /** The id at the end of a 201's Location, e.g. /reservations/1234. */
        long createdId() {
            return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        }
    }
}
