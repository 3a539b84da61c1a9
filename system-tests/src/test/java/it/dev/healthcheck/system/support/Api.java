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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
    private final String accept;
    /** A W3C traceparent sent with every request, as a traced client would; null: none. */
    private final String traceParent;
    /** How long each request waits for its answer before it counts as unanswered. */
    private final Duration timeout;

    private Api(String user, String authorization) {
        this(user, authorization, "application/json", null);
    }

    private Api(String user, String authorization, String accept, String traceParent) {
        this(user, authorization, accept, traceParent, Duration.ofSeconds(30));
    }

    private Api(String user, String authorization, String accept, String traceParent, Duration timeout) {
        this.user = user;
        this.authorization = authorization;
        this.accept = accept;
        this.traceParent = traceParent;
        this.timeout = timeout;
    }

    private static Api basic(String user, String password) {
        return new Api(user, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** A development user of the local run, with the password the servers were given. */
    public static Api as(String user) {
        return basic(user, password(user));
    }

    /** The password the servers were given for a development user (admin, alice, bob). */
    public static String password(String user) {
        String key = user.equals("admin") ? "ADMIN_PASSWORD" : "CUSTOMER_" + user.toUpperCase() + "_PASSWORD";
        return TheSystem.get().credentials().getProperty(key);
    }

    /** The service principal reservation calls schedule with: the only caller of the seat-hold API. */
    public static Api asService() {
        return asService("reservation");
    }

    /** The identity one service (reservation, schedule, delivery) presents when it calls another. */
    public static Api asService(String service) {
        var dev = TheSystem.get().credentials();
        String prefix = service.toUpperCase(java.util.Locale.ROOT) + "_SERVICE_";
        return basic(dev.getProperty(prefix + "USER"), dev.getProperty(prefix + "PASSWORD"));
    }

    /** Nobody: no Authorization header at all. */
    public static Api anonymous() {
        return new Api("anonymous", null);
    }

    /** A real user name with a password that is not theirs. */
    public static Api impostor(String user) {
        return new Api(user + " (wrong password)", basic(user, "not-" + user + "-password").authorization);
    }

    /** Whatever Authorization header a client cares to send, however malformed. */
    public static Api presenting(String authorization) {
        return new Api("presenting '" + authorization + "'", authorization);
    }

    /** The same caller, asking for another media type (metrics are text, for instance). */
    public Api accepting(String mediaType) {
        return new Api(user, authorization, mediaType, traceParent, timeout);
    }

    /** The same caller, its requests part of a trace it started ({@code 00-<trace id>-<span id>-01}). */
    public Api inTrace(String traceParent) {
        return new Api(user, authorization, accept, traceParent, timeout);
    }

    /** This caller, waiting up to {@code timeout} for each answer instead of 30 s. */
    public Api waitingUpTo(Duration timeout) {
        return new Api(user, authorization, accept, traceParent, timeout);
    }

    public String user() {
        return user;
    }

    /** The Authorization header this caller sends, for requests written by hand (null: none). */
    public String authorization() {
        return authorization;
    }

    public Reply get(int port, String path) {
        return send(request(port, path).GET());
    }

    /**
     * Every row of a paged list, a page of {@code size} at a time until a short page; {@code rowsOf}
     * finds the rows in a page's answer. {@code query} holds the list's filters, or is empty.
     */
    public List<JsonObject> everyRow(int port, String path, String query, int size, Function<Reply, JsonArray> rowsOf) {
        List<JsonObject> rows = new ArrayList<>();
        for (int page = 0; ; page++) {
            var reply = get(port, path + "?" + (query.isEmpty() ? "" : query + "&") + "size=" + size + "&page=" + page);
            if (reply.status() != 200) {
                throw new AssertionError(path + " page " + page + ": " + reply);
            }
            var pageRows = rowsOf.apply(reply);
            pageRows.stream().map(JsonObject.class::cast).forEach(rows::add);
            if (pageRows.size() < size) {
                return rows;
            }
        }
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

    /** Any method, content type and body, exactly as given: for requests no well-behaved client sends. */
    public Reply send(String method, int port, String path, String contentType, String body) {
        var request = request(port, path).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    private HttpRequest.Builder request(int port, String path) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(timeout)
                .header("Accept", accept);
        if (traceParent != null) {
            request.header("traceparent", traceParent);
        }
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP answer; {@code location} and {@code retryAfter} are null when the answer has no such header. */
    public record Reply(int status, String contentType, String location, String retryAfter, String body) {

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
