package dev.healthcheck.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One service's Liberty server, driven through Liberty's own `server` script. */
public final class LibertyServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Layout layout;
    private final String name;
    private final int port;

    LibertyServer(Layout layout, String name, int port) {
        this.layout = layout;
        this.name = name;
        this.port = port;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Launches the server; {@link #awaitReady} waits for it. */
    Process launch() {
        if (!Files.exists(layout.serverDir(name).resolve("server.xml"))) {
            throw new IllegalStateException("server " + name + " was not created: build first (mvn install)");
        }
        if (Processes.portOpen("localhost", port)) {
            throw new IllegalStateException("port " + port + " is busy: is healthcheck already running?");
        }
        return Processes.start(List.of(script(), "start", name), log());
    }

    public void start() {
        Process launched = launch();
        try {
            launched.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitReady(Duration.ofMinutes(3));
    }

    /** Ready by its own account: /health/ready is UP (database and broker reachable). */
    public void awaitReady(Duration timeout) {
        Processes.await(name + " ready on port " + port, timeout, this::isReady);
    }

    public boolean isReady() {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void stop() {
        Processes.run(List.of(script(), "stop", name), log(), Duration.ofMinutes(2));
    }

    /** kill -9 of the server's JVM: no shutdown hook, no graceful anything. */
    public void kill() {
        pid().flatMap(ProcessHandle::of).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().join();
        });
    }

    public Optional<Long> pid() {
        Path pidFile = layout.wlp().resolve("usr/servers/.pid/" + name + ".pid");
        try {
            return Files.exists(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Forgets the service's data: the next start begins with an empty database. */
    void wipe() {
        Systems.deleteTree(layout.serverDir(name).resolve("derby"));
    }

    private String script() {
        return layout.wlp().resolve("bin/server").toString();
    }

    private Path log() {
        return layout.root().resolve("target/server-" + name + ".log");
    }
}
