package dev.healthcheck.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/** The local Artemis broker: an instance created once from the unpacked distribution, with our broker.xml. */
public final class Broker {

    public static final int PORT = 61616;

    private final Layout layout;
    private Process process;

    Broker(Layout layout) {
        this.layout = layout;
    }

    /** Creates the instance if there is none yet and starts it; returns once it accepts connections. */
    public void start() {
        if (Processes.portOpen("127.0.0.1", PORT)) {
            throw new IllegalStateException("port " + PORT + " is busy: is healthcheck (or another broker) already running?");
        }
        Path instance = layout.brokerInstance();
        if (!Files.exists(instance.resolve("bin/artemis"))) {
            create(instance);
        }
        try {
            // the configuration and the logins (one per service, and operator) in force at every start
            for (String file : List.of("broker.xml", "artemis-users.properties", "artemis-roles.properties")) {
                Files.copy(layout.brokerConfig().resolveSibling(file), instance.resolve("etc").resolve(file),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = Processes.start(List.of(instance.resolve("bin/artemis").toString(), "run"), log(),
                Map.of("JAVA_ARGS_APPEND", jvmOptions()));
        Processes.await("broker accepting connections on " + PORT + " (its log: " + log() + ")", Duration.ofSeconds(60),
                () -> Processes.portOpen("127.0.0.1", PORT) || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("the broker exited at start; see " + log());
        }
    }

    /** The options of jvm.options next to broker.xml, one per line, without the comments. */
    private String jvmOptions() {
        try (var lines = Files.lines(layout.brokerConfig().resolveSibling("jvm.options"))) {
            return lines.map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.joining(" "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Graceful stop: the broker closes its journal. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit(Duration.ofSeconds(30));
        }
    }

    /** kill -9: no shutdown of any kind; what is not in the journal is gone. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Forgets every message and subscription: the next start begins with an empty journal. */
    void wipe() {
        Systems.deleteTree(layout.brokerInstance().resolve("data"));
    }

    Path log() {
        return layout.root().resolve("target/artemis-broker.log");
    }

    private void create(Path instance) {
        Properties credentials = layout.devCredentials();
        Path artemis = layout.artemisHome().resolve("bin/artemis");
        if (!Files.exists(artemis)) {
            throw new IllegalStateException("no broker distribution at " + artemis + ": build first (mvn install)");
        }
        Processes.run(List.of(artemis.toString(), "create", "--silent", "--require-login",
                "--user", credentials.getProperty("ARTEMIS_USER"),
                "--password", credentials.getProperty("ARTEMIS_PASSWORD"),
                "--host", "127.0.0.1", "--no-web", "--no-amqp-acceptor", "--no-mqtt-acceptor",
                "--no-stomp-acceptor", "--no-hornetq-acceptor", instance.toString()), log(), Duration.ofMinutes(2));
    }

    private void waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
