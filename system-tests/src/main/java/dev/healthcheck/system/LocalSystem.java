package dev.healthcheck.system;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The whole of healthcheck on one machine: the Artemis broker and the four Liberty servers, on the
 * ports docs/contract.md names. {@link #main} is the README's run command; the system tests drive the
 * same class, and its parts, to inject faults.
 */
public final class LocalSystem implements AutoCloseable {

    private final Layout layout;
    private final Broker broker;
    private final Map<String, LibertyServer> servers = new LinkedHashMap<>();
    private Duration startUpTime;

    public LocalSystem(Layout layout) {
        this.layout = layout;
        this.broker = new Broker(layout);
        for (var entry : Map.of("schedule", 8081, "reservation", 8082, "delivery", 8083, "mypage", 8084).entrySet()
                .stream().sorted(Map.Entry.comparingByValue()).toList()) {
            servers.put(entry.getKey(), new LibertyServer(layout, entry.getKey(), entry.getValue()));
        }
    }

    /** Starts the broker, then all four servers at once; returns when every one is ready. */
    public LocalSystem start() {
        Instant begin = Instant.now();
        broker.start();
        List<Process> launches = servers.values().stream().map(LibertyServer::launch).toList();
        for (Process launch : launches) {
            try {
                launch.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        servers.values().forEach(server -> server.awaitReady(Duration.ofMinutes(3)));
        startUpTime = Duration.between(begin, Instant.now());
        return this;
    }

    /** Forgets all data (databases, journal) so the next start is a first start. Only when stopped. */
    public LocalSystem wipe() {
        broker.wipe();
        servers.values().forEach(LibertyServer::wipe);
        return this;
    }

    @Override
    public void close() {
        for (LibertyServer server : servers.values()) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                System.err.println("could not stop " + server.name() + ": " + e.getMessage());
            }
        }
        broker.stop();
    }

    public Broker broker() {
        return broker;
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

    public static void main(String[] args) throws InterruptedException {
        Layout layout = Layout.fromSystemProperties();
        LocalSystem system = new LocalSystem(layout);
        if (Boolean.getBoolean("fresh")) {
            system.wipe();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Under mvn, System.out is Maven's ANSI filter, which once threw in the middle of this line and
            // left the system running after the run command had exited: stop whatever printing does.
            try {
                System.out.println("\nhealthcheck: stopping the four servers and the broker...");
            } finally {
                system.close();
                stopped.countDown();
            }
        }));
        System.out.println("healthcheck: starting the Artemis broker and four Liberty servers...");
        system.start();
        system.printWhereEverythingIs();
        stopped.await();
    }

    private void printWhereEverythingIs() {
        Properties dev = credentials();
        StringBuilder out = new StringBuilder("\nhealthcheck is up after ")
                .append(startUpTime.toMillis() / 1000.0).append(" s. Ctrl-C stops everything.\n\n");
        for (LibertyServer server : servers.values()) {
            out.append(String.format("  %-12s %s   (API at %s)%n", server.name(), server.uri("/openapi/ui/"),
                    server.uri("/")));
        }
        out.append(String.format("  %-12s tcp://127.0.0.1:%d  (journal in %s)%n", "broker", Broker.PORT,
                        layout.brokerInstance().resolve("data")))
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
