package dev.healthcheck.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** One service's Liberty server, driven through Liberty's own `server` script. */
public final class LibertyServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** Liberty ends its in-flight work within 30 s of a stop; the rest is the stop command's own JVM. */
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    private final Layout layout;
    private final String name;
    private final int port;
    /** Added to the environment of every start: settings of one run (a test run's timings), not of the build. */
    private Map<String, String> environment = Map.of();

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

    /** The server's log of messages (INFO and above), where every refusal is logged with its instance id. */
    public Path messagesLog() {
        return layout.serverDir(name).resolve("logs/messages.log");
    }

    /** What the build put in its server.env: the environment its configuration reads (development values). */
    public Properties environment() {
        Properties environment = new Properties();
        try (var reader = Files.newBufferedReader(layout.serverDir(name).resolve("server.env"))) {
            environment.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return environment;
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
        return Processes.start(List.of(script(), "start", name), startLog(), environment);
    }

    /** Adds these settings to those given before (a later value of one name wins). */
    void environment(Map<String, String> settings) {
        Map<String, String> merged = new java.util.HashMap<>(environment);
        merged.putAll(settings);
        environment = Map.copyOf(merged);
    }

    public void start() {
        Process launched = launch();
        try {
            launched.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitReady(START_TIMEOUT);
    }

    /**
     * Ready by its own account (/health/ready is UP: its database answers) and connected to the broker,
     * which readiness does not wait for: on a fresh broker, events sent before a listener has subscribed
     * would never reach it.
     */
    public void awaitReady(Duration timeout) {
        Processes.await(name + " ready and connected to the broker on port " + port + " (its log: " + messagesLog() + ")",
                timeout, () -> isReady() && isConnectedToBroker());
    }

    public boolean isReady() {
        return isReady(Duration.ofSeconds(2));
    }

    /** Whether /health/ready answers UP within {@code timeout}. */
    public boolean isReady(Duration timeout) {
        return isUp("/health/ready", timeout);
    }

    /** What its broker probe says, as /metrics shows it: healthcheck_broker_connected is 1. */
    public boolean isConnectedToBroker() {
        return metric("healthcheck_broker_connected").orElse(0.0) == 1.0;
    }

    /** The value of one of the application's metrics without labels beyond the scope, if it has one. */
    public Optional<Double> metric(String name) {
        return metricOn(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    /** The value of an application metric on the line that also carries {@code label}, e.g. {@code what="seat-hold"}. */
    public Optional<Double> metric(String name, String label) {
        return metricOn(line -> line.startsWith(name + "{") && line.contains(label));
    }

    private Optional<Double> metricOn(Predicate<String> line) {
        try {
            var metrics = HTTP.send(HttpRequest.newBuilder(uri("/metrics?scope=application")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            // Prometheus text: one "name{labels} value" line per metric, after its # HELP and # TYPE lines
            return metrics.statusCode() != 200 ? Optional.empty() : metrics.body().lines().filter(line)
                    .map(found -> Double.parseDouble(found.substring(found.lastIndexOf(' ') + 1)))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Launches the server and waits until it is alive and started, whether or not it can reach the broker. */
    public void startWithoutAwaitingReadiness() {
        try {
            launch().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Processes.await(name + " started on port " + port + " (its log: " + messagesLog() + ")", Duration.ofMinutes(3),
                () -> isUp("/health/started"));
    }

    private boolean isUp(String health) {
        return isUp(health, Duration.ofSeconds(2));
    }

    private boolean isUp(String health, Duration timeout) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri(health)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void stop() {
        Processes.run(stopCommand(), startLog(), STOP_TIMEOUT);
    }

    /** Starts the servers together and waits until each is ready: a start is mostly waiting on the server. */
    public static void startAll(Collection<LibertyServer> servers) {
        servers.forEach(LibertyServer::launch);
        servers.forEach(server -> server.awaitReady(START_TIMEOUT));
    }

    /**
     * Stops the servers together, as one stop is mostly a server finishing its own work (four one after
     * another took 21 s of a slow machine, each test that stopped them waiting). Throws once all have
     * ended if any stop failed.
     */
    public static void stopAll(Collection<LibertyServer> servers) {
        Map<LibertyServer, Process> stopping = new LinkedHashMap<>();
        servers.forEach(server -> stopping.put(server, Processes.start(server.stopCommand(), server.startLog())));
        List<String> failed = new ArrayList<>();
        stopping.forEach((server, stop) -> {
            try {
                Processes.finish(stop, server.stopCommand(), server.startLog(), STOP_TIMEOUT);
            } catch (IllegalStateException e) {
                failed.add(e.getMessage());
            }
        });
        if (!failed.isEmpty()) {
            throw new IllegalStateException("could not stop: " + failed);
        }
    }

    private List<String> stopCommand() {
        return List.of(script(), "stop", name);
    }

    /** kill -9 of the server's JVM: no shutdown hook, no graceful anything. */
    public void kill() {
        pid().flatMap(ProcessHandle::of).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().join();
        });
    }

    /** kill -STOP: the JVM freezes with its sockets open, as an overloaded or stuck server looks from outside. */
    public void freeze() {
        signal("-STOP");
    }

    /** kill -CONT: the frozen JVM carries on where it stopped. */
    public void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        long pid = pid().orElseThrow(() -> new IllegalStateException(name + " is not running"));
        Processes.run(List.of("kill", signal, Long.toString(pid)), startLog(), Duration.ofSeconds(10));
    }

    /** Its JVM is running (perhaps frozen): the process its pid file names is alive. */
    public boolean isAlive() {
        return pid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    public Optional<Long> pid() {
        Path pidFile = layout.wlp().resolve("usr/servers/.pid/" + name + ".pid");
        try {
            return Files.exists(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Another server of the same service: this one's configuration and application copied under a new
     * name (none of its data, logs or caches), on its own port, with extra environment settings such as
     * a shared network database.
     */
    public LibertyServer replica(String replicaName, int replicaPort, Map<String, String> environment) {
        Path from = layout.serverDir(name);
        Path to = layout.serverDir(replicaName);
        Systems.deleteTree(to);
        // jvm.options too: without it a replica ran on the JVM's defaults (C2, G1, a quarter of the memory),
        // and started 43 s where its original starts in 34 s, alone; eight at once far worse.
        Set<String> configuration = Set.of("server.xml", "server.env", "jvm.options", "shared", "apps", "lib", "rar", "resources");
        configuration.stream().map(from::resolve).filter(Files::exists)
                .forEach(part -> Systems.copyTree(part, to.resolve(part.getFileName())));
        String overrides = environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "\nHTTP_PORT=" + replicaPort + "\n", "\n"));
        try {
            Files.writeString(to.resolve("server.env"), overrides, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LibertyServer(layout, replicaName, replicaPort);
    }

    /** Deletes a stopped server's directory: for replicas made by {@link #replica}. */
    public void remove() {
        // Its logs outlive it: they are the evidence when the test that made it fails.
        Path logs = layout.serverDir(name).resolve("logs");
        if (Files.exists(logs)) {
            Path kept = layout.root().resolve("target/removed-servers").resolve(name);
            Systems.deleteTree(kept);
            Systems.copyTree(logs, kept);
        }
        Systems.deleteTree(layout.serverDir(name));
    }

    /** Forgets the service's data: the next start begins with an empty database. */
    void wipe() {
        Systems.deleteTree(layout.serverDir(name).resolve("derby"));
    }

    private String script() {
        return layout.wlp().resolve("bin/server").toString();
    }

    /** What Liberty's `server` script printed when starting and stopping this server. */
    Path startLog() {
        return layout.root().resolve("target/server-" + name + ".log");
    }
}
