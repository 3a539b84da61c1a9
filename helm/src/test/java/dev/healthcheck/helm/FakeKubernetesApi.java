package dev.healthcheck.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Just enough of a Kubernetes API server for the chart's {@code lookup} of its Secret: discovery of
 * the core group and GET of a Secret, found or not. helm-java renders templates in a mode that looks
 * objects up in a real cluster, so the tests point it (KUBECONFIG, set by surefire) at this server on
 * a free loopback port; it also lets a test play an upgrade, with the Secret of the first install present.
 */
final class FakeKubernetesApi {

    private static final String CORE_RESOURCES = """
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
              {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret",
               "verbs":["get","list"]}]}""";

    private static final String NOT_FOUND = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"NotFound","code":404}""";

    private static FakeKubernetesApi instance;

    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    private FakeKubernetesApi() {
    }

    static synchronized FakeKubernetesApi start() {
        if (instance == null) {
            String kubeconfig = System.getenv("KUBECONFIG");
            if (kubeconfig == null) {
                throw new IllegalStateException("KUBECONFIG is not set: run the tests through Maven (surefire sets it)");
            }
            instance = new FakeKubernetesApi();
            instance.serve(Path.of(kubeconfig));
        }
        return instance;
    }

    /** Makes GET of this Secret answer with it, as a cluster with the release installed would. */
    void putSecret(String namespace, String name, Map<String, String> base64Data) {
        StringBuilder data = new StringBuilder();
        base64Data.forEach((key, value) ->
                data.append(data.isEmpty() ? "" : ",").append('"').append(key).append("\":\"").append(value).append('"'));
        secrets.put("/api/v1/namespaces/" + namespace + "/secrets/" + name, """
                {"kind":"Secret","apiVersion":"v1","metadata":{"name":"%s","namespace":"%s"},"type":"Opaque","data":{%s}}"""
                .formatted(name, namespace, data));
    }

    void clear() {
        secrets.clear();
    }

    private void serve(Path kubeconfig) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::answer);
            server.setExecutor(null);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
            Files.createDirectories(kubeconfig.getParent());
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                      - name: fake
                        cluster:
                          server: http://127.0.0.1:%d
                    users:
                      - name: fake
                        user:
                          token: not-a-secret
                    contexts:
                      - name: fake
                        context:
                          cluster: fake
                          user: fake
                    current-context: fake
                    """.formatted(server.getAddress().getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        int status = 200;
        if (path.equals("/api/v1")) {
            body = CORE_RESOURCES;
        } else if (secrets.containsKey(path)) {
            body = secrets.get(path);
        } else {
            status = 404;
            body = NOT_FOUND;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
