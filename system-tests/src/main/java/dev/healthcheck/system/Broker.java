package dev.healthcheck.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A local Artemis broker: an instance created once from the unpacked distribution, with our broker.xml.
 * The run command's is the single broker on {@link #PORT}; {@link #primary} and {@link #backup} are a
 * replicating pair, each with its own port, instance and log, broker.xml plus its role's HA fragment.
 */
public final class Broker {

    public static final int PORT = 61616;
    /** The backup of a pair; the primary has {@link #PORT}. */
    public static final int BACKUP_PORT = 61617;

    private final Layout layout;
    private final String name;
    private final int port;
    private final Path instance;
    /** broker-ha-primary.xml or broker-ha-backup.xml: with broker-ha-pair.xml, added to broker.xml's core; null: single. */
    private final String haFragment;
    /** The other broker of a pair. */
    private final int peerPort;
    private Process process;
    private long logSizeAtStart;

    Broker(Layout layout) {
        this(layout, "broker", PORT, layout.brokerInstance(), null, 0);
    }

    private Broker(Layout layout, String name, int port, Path instance, String haFragment, int peerPort) {
        this.layout = layout;
        this.name = name;
        this.port = port;
        this.instance = instance;
        this.haFragment = haFragment;
        this.peerPort = peerPort;
    }

    /** The live half of a pair, on the single broker's port and instance: its journal carries on from it. */
    static Broker primary(Layout layout) {
        return new Broker(layout, "primary", PORT, layout.brokerInstance(), "broker-ha-primary.xml", BACKUP_PORT);
    }

    /** The replicating half of a pair: its journal is a copy of the primary's, made as it starts. */
    static Broker backup(Layout layout) {
        return new Broker(layout, "backup", BACKUP_PORT, layout.brokerInstance().resolveSibling("artemis-instance-backup"),
                "broker-ha-backup.xml", PORT);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** Creates the instance if there is none yet and starts it; returns once it accepts connections. */
    public void start() {
        launch();
        Processes.await(name + " accepting connections on " + port + " (its log: " + log() + ")", Duration.ofSeconds(60),
                () -> Processes.portOpen("127.0.0.1", port) || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("the " + name + " exited at start; see " + log());
        }
    }

    /**
     * Starts the broker and returns at once: a backup opens no port until it takes over, so whoever
     * starts one waits for its log instead ({@link #awaitLogged}).
     */
    public void launch() {
        if (Processes.portOpen("127.0.0.1", port)) {
            throw new IllegalStateException("port " + port + " is busy: is healthcheck (or another broker) already running?");
        }
        if (!Files.exists(instance.resolve("bin/artemis"))) {
            create(instance);
        }
        try {
            // the configuration and the logins (one per service, and operator) in force at every start
            for (String file : List.of("artemis-users.properties", "artemis-roles.properties")) {
                Files.copy(layout.brokerConfig().resolveSibling(file), instance.resolve("etc").resolve(file),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            writeConfiguration(instance.resolve("etc/broker.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        markLog();
        Map<String, String> environment = new HashMap<>();
        String options = jvmOptions() + " -Dartemis.port=" + port;
        if (haFragment != null) {
            options += " -DARTEMIS_SELF=127.0.0.1:" + port + " -DARTEMIS_PEER=127.0.0.1:" + peerPort;
            // the pair's login to each other (broker-ha-pair.xml's cluster-password), as the chart gives it
            environment.put("ARTEMIS_OPERATOR_PASSWORD", layout.devCredentials().getProperty("ARTEMIS_PASSWORD"));
        }
        environment.put("JAVA_ARGS_APPEND", options);
        // as every local server has it (liberty-config's dev-server.env): fewer malloc arenas, less resident memory
        environment.put("MALLOC_ARENA_MAX", "2");
        process = Processes.start(List.of(instance.resolve("bin/artemis").toString(), "run"), log(), environment);
    }

    /** broker.xml as it is, or with the elements of the role's HA fragment added to its core. */
    void writeConfiguration(Path target) throws IOException {
        Path brokerXml = layout.brokerConfig();
        if (haFragment == null) {
            Files.copy(brokerXml, target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try {
            var builder = DocumentBuilderFactory.newNSInstance().newDocumentBuilder();
            Document broker = builder.parse(brokerXml.toFile());
            Node core = broker.getElementsByTagNameNS("urn:activemq:core", "core").item(0);
            for (String file : List.of("broker-ha-pair.xml", haFragment)) {
                Element fragment = builder.parse(layout.haConfig().resolve(file).toFile()).getDocumentElement();
                for (Node child = fragment.getFirstChild(); child != null; child = child.getNextSibling()) {
                    core.appendChild(broker.importNode(child, true));
                }
            }
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(broker), new StreamResult(target.toFile()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the " + name + "'s broker.xml from " + brokerXml + " and "
                    + layout.haConfig().resolve(haFragment), e);
        }
    }

    /** From now on {@link #awaitLogged} looks only at what the broker logs after this moment. */
    private void markLog() {
        try {
            logSizeAtStart = Files.exists(log()) ? Files.size(log()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the broker has logged this message (an id such as AMQ221024) since it was last started. */
    public void awaitLogged(String message, Duration timeout) {
        Processes.await(name + " logging " + message + " (its log: " + log() + ")", timeout,
                () -> loggedSinceStart().contains(message));
    }

    private String loggedSinceStart() {
        try {
            byte[] log = Files.readAllBytes(log());
            int from = (int) Math.min(logSizeAtStart, log.length);
            return new String(log, from, log.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    /** Its port is open: a live broker (a backup opens it only once it has taken over). */
    public boolean acceptsConnections() {
        return Processes.portOpen("127.0.0.1", port);
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Forgets every message and subscription: the next start begins with an empty journal. */
    void wipe() {
        Systems.deleteTree(instance.resolve("data"));
    }

    /** Replaces this stopped broker's journal with a copy of another's (also stopped). */
    void takeJournalOf(Broker other) {
        Systems.deleteTree(instance.resolve("data"));
        Systems.copyTree(other.instance.resolve("data"), instance.resolve("data"));
    }

    public Path log() {
        return layout.root().resolve("target/artemis-" + name + ".log");
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
