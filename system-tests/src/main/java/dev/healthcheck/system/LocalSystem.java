package dev.healthcheck.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The whole of healthcheck on one machine: the Artemis broker and the four Liberty servers, on the
 * ports docs/contract.md names. {@link #main} is the README's run command; the system tests drive the
 * same class, and its parts, to inject faults.
 */
public final class LocalSystem implements AutoCloseable {

    private static final Duration SERVER_START_TIMEOUT = Duration.ofMinutes(3);

    private final Layout layout;
    private final Broker broker;
    /** While the system runs on a primary/backup pair instead of {@link #broker}: see {@link #useBrokerPair}. */
    private BrokerPair pair;
    private Map<String, String> serverEnvironment = Map.of();
    /** Every service's database on this PostgreSQL server, or null: each server's embedded Derby. */
    private PostgreSql postgreSql;
    private final Map<String, LibertyServer> servers = new LinkedHashMap<>();
    private Duration startUpTime;
    /** Servers left out of the start: someone else runs them (dev mode), so closing leaves them alone. */
    private Set<String> leftOut = Set.of();

    public LocalSystem(Layout layout) {
        this.layout = layout;
        this.broker = new Broker(layout);
        for (var entry : Map.of("schedule", 8081, "reservation", 8082, "delivery", 8083, "mypage", 8084).entrySet()
                .stream().sorted(Map.Entry.comparingByValue()).toList()) {
            servers.put(entry.getKey(), new LibertyServer(layout, entry.getKey(), entry.getValue()));
        }
    }

    /**
     * Every service on a database and login of its own on a local PostgreSQL server ({@link PostgreSql}),
     * instead of each server's embedded Derby: the run command's {@code -Ddb=postgresql}.
     */
    public LocalSystem onPostgreSql() {
        postgreSql = new PostgreSql(layout);
        return this;
    }

    /** Starts the broker, then all four servers at once; returns when every one is ready. */
    public LocalSystem start() {
        return start(Set.of(), line -> { });
    }

    /**
     * Starts the broker, then every server except those named, all at once; returns when each one is
     * ready, telling {@code progress} about each as it gets there.
     */
    public LocalSystem start(Set<String> except, Consumer<String> progress) {
        Instant begin = Instant.now();
        leftOut = Set.copyOf(except);
        if (postgreSql != null) {
            postgreSql.start();
            // the logins' passwords are drawn at every start of PostgreSQL
            servers.values().forEach(server -> server.environment(postgreSql.environmentOf(server.name())));
            progress.accept(String.format("  %-12s ready after %4.1f s  jdbc:postgresql://127.0.0.1:%d   log: %s", "postgresql",
                    secondsSince(begin), PostgreSql.PORT, layout.root().relativize(postgreSql.log())));
        }
        broker.start();
        progress.accept(String.format("  %-12s ready after %4.1f s  tcp://127.0.0.1:%d   log: %s", "broker",
                secondsSince(begin), Broker.PORT, layout.root().relativize(broker.log())));
        Map<LibertyServer, Process> launches = new LinkedHashMap<>();
        servers.values().stream().filter(server -> !except.contains(server.name()))
                .forEach(server -> launches.put(server, server.launch()));
        awaitReady(launches, begin, progress);
        startUpTime = Duration.between(begin, Instant.now());
        return this;
    }

    /** Polls every launched server until all are ready, reporting each as it gets there. */
    private void awaitReady(Map<LibertyServer, Process> launches, Instant begin, Consumer<String> progress) {
        Instant deadline = begin.plus(SERVER_START_TIMEOUT);
        Map<LibertyServer, Process> waiting = new LinkedHashMap<>(launches);
        while (!waiting.isEmpty()) {
            for (var it = waiting.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                LibertyServer server = entry.getKey();
                Process launch = entry.getValue();
                if (server.isReady()) {
                    progress.accept(String.format("  %-12s ready after %4.1f s  %s   log: %s", server.name(),
                            secondsSince(begin), server.uri("/openapi/ui/"),
                            layout.root().relativize(server.messagesLog())));
                    it.remove();
                } else if (!launch.isAlive() && launch.exitValue() != 0) {
                    throw new IllegalStateException(server.name() + " failed to start (server start exited with "
                            + launch.exitValue() + "); see " + server.startLog() + " and " + server.messagesLog());
                }
            }
            if (!waiting.isEmpty() && Instant.now().isAfter(deadline)) {
                LibertyServer first = waiting.keySet().iterator().next();
                throw new IllegalStateException(first.name() + " was not ready within " + SERVER_START_TIMEOUT.toMinutes()
                        + " minutes; see its log " + first.messagesLog());
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    private static double secondsSince(Instant begin) {
        return Duration.between(begin, Instant.now()).toMillis() / 1000.0;
    }

    /** Settings every server of this system starts with (and restarts with), beyond its server.env. */
    public LocalSystem withServerEnvironment(Map<String, String> settings) {
        serverEnvironment = Map.copyOf(settings);
        servers.values().forEach(server -> server.environment(settings));
        return this;
    }

    /**
     * Puts a replicating primary/backup pair in the single broker's place, the primary carrying on with
     * its journal, and restarts the servers with both brokers' addresses. Returns once every server is
     * ready and connected.
     */
    public BrokerPair useBrokerPair() {
        stopServers();
        broker.stop();
        pair = new BrokerPair(layout);
        pair.start();
        Map<String, String> environment = new TreeMap<>(serverEnvironment);
        environment.putAll(BrokerPair.CLIENT_SETTINGS);
        servers.values().forEach(server -> server.environment(environment));
        startServersAndAwaitThem();
        return pair;
    }

    /** The single broker again, carrying on with the journal of whichever broker of the pair was live; the servers restarted. */
    public void useSingleBroker() {
        stopServers();
        Broker live = pair.live();
        pair.stop();
        if (live != pair.primary()) {
            broker.takeJournalOf(live);
        }
        pair = null;
        broker.start();
        // A server's settings are merged, not replaced: the pair's switch is turned off explicitly.
        Map<String, String> environment = new TreeMap<>(serverEnvironment);
        environment.put("ARTEMIS_HA", "off");
        servers.values().forEach(server -> server.environment(environment));
        startServersAndAwaitThem();
    }

    private void startServersAndAwaitThem() {
        LibertyServer.startAll(servers.values().stream().filter(server -> !leftOut.contains(server.name())).toList());
    }

    private void stopServers() {
        try {
            LibertyServer.stopAll(servers.values().stream().filter(server -> !leftOut.contains(server.name())).toList());
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
        }
    }

    /**
     * What the chart's {@code logging.format} and {@code telemetry.otlpEndpoint} set, for the run command's
     * {@code -Dlogging.format=json} and {@code -Dtelemetry.otlpEndpoint=http://localhost:4318}: Liberty's
     * JSON lines on the console and in messages.log; traces exported over OTLP/HTTP (otherwise the SDK is off).
     */
    public static Map<String, String> observability(String logFormat, String otlpEndpoint) {
        Map<String, String> environment = new TreeMap<>();
        if ("json".equals(logFormat)) {
            environment.put("WLP_LOGGING_CONSOLE_FORMAT", "json");
            environment.put("WLP_LOGGING_MESSAGE_FORMAT", "json");
        } else if (logFormat != null && !"simple".equals(logFormat)) {
            throw new IllegalArgumentException("-Dlogging.format is simple or json, not " + logFormat);
        }
        if (otlpEndpoint != null && !otlpEndpoint.isBlank()) {
            environment.put("OTEL_SDK_DISABLED", "false");
            environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint);
            environment.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            environment.put("OTEL_METRICS_EXPORTER", "none");
            environment.put("OTEL_LOGS_EXPORTER", "none");
        }
        return environment;
    }

    /**
     * Puts right what a failed fault test may have left behind, so that its failure stays its own: a
     * frozen server thawed, a killed broker or server started again, every server ready and connected.
     * Returns what had to be started.
     */
    public List<String> restoreWhatIsDown() {
        List<String> started = new ArrayList<>();
        if (pair == null && !broker.isRunning()) {
            broker.start();
            started.add("broker");
        }
        for (LibertyServer server : servers.values()) {
            if (leftOut.contains(server.name())) {
                continue;
            }
            if (server.isAlive()) {
                server.thaw();
            } else {
                server.start();
                started.add(server.name());
            }
            server.awaitReady(SERVER_START_TIMEOUT);
        }
        return started;
    }

    /** Forgets all data (databases, journal) so the next start is a first start. Only when stopped. */
    public LocalSystem wipe() {
        broker.wipe();
        servers.values().forEach(LibertyServer::wipe);
        if (postgreSql != null) {
            postgreSql.wipe();
        }
        return this;
    }

    @Override
    public void close() {
        stopServers();
        if (pair != null) {
            pair.stop();
        }
        broker.stop();
        if (postgreSql != null) {
            postgreSql.stop();
        }
    }

    public Broker broker() {
        return broker;
    }

    /** Whether every service uses a PostgreSQL server ({@link #onPostgreSql}) rather than its embedded Derby. */
    public boolean runsOnPostgreSql() {
        return postgreSql != null;
    }

    /** The PostgreSQL server every service uses, when started {@link #onPostgreSql}. */
    public PostgreSql postgreSql() {
        if (postgreSql == null) {
            throw new IllegalStateException("this system runs on embedded Derby, not on PostgreSQL");
        }
        return postgreSql;
    }

    public LibertyServer server(String name) {
        return servers.get(name);
    }

    public Duration startUpTime() {
        return startUpTime;
    }

    public Properties credentials() {
        return layout.devCredentials();
    }

    /**
     * The run command. {@code -Dfresh=true} starts with empty databases and journal;
     * {@code -Dexcept=reservation} (a comma-separated list) leaves those servers out, for dev mode;
     * {@code -Dlogging.format=json} and {@code -Dtelemetry.otlpEndpoint=…}: see {@link #observability};
     * {@code -Ddb=postgresql}: every service on a local PostgreSQL ({@link #onPostgreSql}) instead of Derby.
     */
    public static void main(String[] args) throws InterruptedException {
        Layout layout = Layout.fromSystemProperties();
        LocalSystem system = new LocalSystem(layout);
        Set<String> except = except(system);
        if (onPostgreSql(System.getProperty("db"))) {
            system.onPostgreSql();
        }
        system.withServerEnvironment(observability(System.getProperty("logging.format"),
                System.getProperty("telemetry.otlpEndpoint")));
        if (Boolean.getBoolean("fresh")) {
            system.wipe();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Under mvn, System.out is Maven's ANSI filter, which once threw in the middle of this line and
            // left the system running after the run command had exited: stop whatever printing does.
            try {
                System.out.println("\nhealthcheck: stopping the servers and the broker...");
            } finally {
                system.close();
                stopped.countDown();
            }
        }));
        System.out.println("healthcheck: starting the Artemis broker and " + (system.servers.size() - except.size())
                + " Liberty servers" + (except.isEmpty() ? "" : " (not " + String.join(", ", except) + ")") + "...");
        try {
            system.start(except, System.out::println);
        } catch (RuntimeException e) {
            System.out.println("healthcheck: " + e.getMessage());
            throw e;
        }
        system.printWhereEverythingIs(except);
        stopped.await();
    }

    /** {@code -Ddb}: {@code derby} (each server's embedded Derby, the default) or {@code postgresql}. */
    public static boolean onPostgreSql(String db) {
        if (db == null || db.isBlank() || "derby".equals(db)) {
            return false;
        }
        if (!"postgresql".equals(db)) {
            throw new IllegalArgumentException("-Ddb is derby or postgresql, not " + db);
        }
        return true;
    }

    private static Set<String> except(LocalSystem system) {
        Set<String> except = new TreeSet<>();
        for (String name : System.getProperty("except", "").split(",")) {
            if (!name.isBlank()) {
                except.add(name.strip());
            }
        }
        if (!system.servers.keySet().containsAll(except)) {
            throw new IllegalArgumentException("-Dexcept names " + except + "; the services are " + system.servers.keySet());
        }
        return except;
    }

    private void printWhereEverythingIs(Set<String> except) {
        Properties dev = credentials();
        StringBuilder out = new StringBuilder("\nhealthcheck is up after ")
                .append(startUpTime.toMillis() / 1000.0).append(" s. Ctrl-C stops everything.\n\n");
        for (LibertyServer server : servers.values()) {
            if (except.contains(server.name())) {
                out.append(String.format("  %-12s not started (-Dexcept): ./mvnw -pl %s-war liberty:dev   (port %d)%n",
                        server.name(), server.name(), server.port()));
            } else {
                out.append(String.format("  %-12s %s   (API at %s)%n", server.name(), server.uri("/openapi/ui/"),
                        server.uri("/")));
            }
        }
        out.append(String.format("  %-12s tcp://127.0.0.1:%d  (journal in %s)%n", "broker", Broker.PORT,
                        layout.brokerInstance().resolve("data")))
                .append(postgreSql == null ? "" : String.format("  %-12s jdbc:postgresql://127.0.0.1:%d/<service>  (one database"
                        + " and login per service; the cluster in target/postgresql)%n", "postgresql", PostgreSql.PORT))
                .append("\n  health: /health/live /health/ready /health/started   metrics: /metrics   on every port\n")
                .append("\n  DEVELOPMENT users (local run only; Kubernetes takes users from Secrets):\n")
                .append("    admin / ").append(dev.getProperty("ADMIN_PASSWORD")).append("    (administrator)\n")
                .append("    alice / ").append(dev.getProperty("CUSTOMER_ALICE_PASSWORD")).append("    (customer)\n")
                .append("    bob   / ").append(dev.getProperty("CUSTOMER_BOB_PASSWORD")).append("      (customer)\n")
                .append("\n  try: curl -u admin:").append(dev.getProperty("ADMIN_PASSWORD"))
                .append(" -H 'Content-Type: application/json' -d '{\"scheduleId\":1,\"availableCount\":100}' ")
                .append("http://localhost:8081/schedules\n")
                .append("  logs: target/liberty/wlp/usr/servers/<service>/logs/messages.log, target/artemis-broker.log\n");
        System.out.println(out);
    }
}
