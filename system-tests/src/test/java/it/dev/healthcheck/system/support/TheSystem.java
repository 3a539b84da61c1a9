package it.dev.healthcheck.system.support;

import dev.healthcheck.system.Layout;
import dev.healthcheck.system.LocalSystem;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real system for system tests: broker and four servers, started once per test run from empty
 * databases and an empty journal, stopped when the run ends. On embedded Derby, or with {@code -Ddb=postgresql}
 * on a local PostgreSQL server, a database and login per service.
 */
public class TheSystem implements BeforeAllCallback {

    private static LocalSystem running;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TheSystem.class, key -> startFresh(), Stopper.class);
        // A fault test that failed half-way may have left a server killed or frozen: the next class starts whole.
        var started = running.restoreWhatIsDown();
        if (!started.isEmpty()) {
            System.out.println("system tests: " + started + " found down before " + context.getDisplayName()
                    + ", started again");
        }
    }

    public static LocalSystem get() {
        if (running == null) {
            throw new IllegalStateException("annotate the test with @ExtendWith(TheSystem.class)");
        }
        return running;
    }

    /**
     * The test run's timings: reconciliation acts on what has been wrong for 10 s, checking every 5 s
     * (the defaults, 10 minutes and 1 minute, would outlast the run). Short enough for ReconciliationIT to
     * watch it, long enough that the saga's own events repair a fault test's damage first.
     */
    public static final Map<String, String> TIMINGS = Map.of(
            "RECONCILIATION_GRACE_SECONDS", "10",
            "RECONCILIATION_INTERVAL_SECONDS", "5",
            // DeadLetterRedriveIT watches the dead-letter gauges move (the default counts every 30 s)
            "DEAD_LETTERS_COUNT_INTERVAL_MS", "1000");

    /**
     * Tracing on, exported to each server's messages.log (OpenTelemetry's logging exporter), but only for
     * requests that arrive in a sampled trace (BookingTraceIT's): every other request gets a span that is
     * never recorded, so the other tests pay next to nothing for it.
     */
    public static final Map<String, String> TRACING = Map.of(
            "OTEL_SDK_DISABLED", "false",
            "OTEL_TRACES_SAMPLER", "parentbased_always_off",
            "OTEL_TRACES_EXPORTER", "logging",
            "OTEL_METRICS_EXPORTER", "none",
            "OTEL_LOGS_EXPORTER", "none");

    private static Stopper startFresh() {
        Map<String, String> environment = new HashMap<>(TIMINGS);
        environment.putAll(TRACING);
        LocalSystem system = new LocalSystem(Layout.fromSystemProperties());
        // -Ddb=postgresql (the second failsafe execution): every service on its own PostgreSQL database and login
        boolean onPostgreSql = LocalSystem.onPostgreSql(System.getProperty("db"));
        if (onPostgreSql) {
            system.onPostgreSql();
        }
        system.withServerEnvironment(environment).wipe().start();
        System.out.println("system tests: broker and four servers " + (onPostgreSql ? "on PostgreSQL " : "")
                + "ready after " + system.startUpTime().toMillis() + " ms");
        running = system;
        return new Stopper(system);
    }

    /** Stops everything when the test run is over. */
    record Stopper(LocalSystem system) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            system.close();
        }
    }
}
