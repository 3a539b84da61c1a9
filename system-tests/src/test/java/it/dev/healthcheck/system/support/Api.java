package it.dev.healthcheck.system.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** The services' HTTP APIs as one user calls them: real HTTP, basic authentication, JSON. */
public final class Api {

    public static final int SCHEDULE = 8081;
    public static final int RESERVATION = 8082;
    public static final int DELIVERY = 8083;
    public static final int MYPAGE = 8084;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Jsonb JSONB = JsonbBuilder.create();

    private final String user;
    private final String authorization;

    private Api(String user, String password) {
        this.user = user;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A development user of the local run, with the password the servers were given. */
    public static Api as(String user) {
        var dev = TheSystem.get().credentials();
        String key = user.equals("admin") ? "ADMIN_PASSWORD" : "CUSTOMER_" + user.toUpperCase() + "_PASSWORD";
        return new Api(user, dev.getProperty(key));
    }

    /** The service principal reservation calls schedule with: the only caller of the seat-hold API. */
    public static Api asService() {
        var dev = TheSystem.get().credentials();
        return new Api(dev.getProperty("SERVICE_USER"), dev.getProperty("SERVICE_PASSWORD"));
    }

    public String user() {
        return user;
    }

    public Reply get(int port, String path) {
        return send(request(port, path).GET());
    }

    public Reply post(int port, String path, Map<String, ?> body) {
        return send(request(port, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONB.toJson(body))));
    }

    public Reply put(int port, String path, Map<String, ?> body) {
        return send(request(port, path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSONB.toJson(body))));
    }

    public Reply delete(int port, String path) {
        return send(request(port, path).DELETE());
    }

    private HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP answer. */
    public record Reply(int status, String contentType, String location, String body) {

        public JsonObject json() {
            return (JsonObject) parse();
        }

        public JsonArray jsonArray() {
            return (JsonArray) parse();
        }

        private JsonStructure parse() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
