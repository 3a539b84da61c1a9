package it.dev.healthcheck.system.support;

import dev.healthcheck.system.Layout;
import dev.healthcheck.system.LocalSystem;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real system for system tests: broker and four servers, started once per test run from empty
 * databases and an empty journal, stopped when the run ends.
 */
public class TheSystem implements BeforeAllCallback {

    private static LocalSystem running;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TheSystem.class, key -> startFresh(), Stopper.class);
    }

    public static LocalSystem get() {
        if (running == null) {
            throw new IllegalStateException("annotate the test with @ExtendWith(TheSystem.class)");
        }
        return running;
    }

    private static Stopper startFresh() {
        LocalSystem system = new LocalSystem(Layout.fromSystemProperties()).wipe().start();
        System.out.println("system tests: broker and four servers ready after " + system.startUpTime().toMillis() + " ms");
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
