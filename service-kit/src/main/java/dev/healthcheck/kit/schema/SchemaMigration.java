package dev.healthcheck.kit.schema;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings the service's database up to its changelog ({@value #CHANGELOG} in the WAR) as the application
 * starts, before anything else touches a table. Everything that does (the outbox relay, the inbox purge,
 * the reconciliation, the sweeps, the readiness and metrics gauges) starts on the same
 * {@code @Initialized(ApplicationScoped)} event with the default priority, and CDI calls observers of one
 * event in priority order, one after the other: this one first. The application has not started until
 * they return, and Liberty activates the message-driven beans only after that (J2CA8801I follows
 * CWWKZ0001I), while {@code /health/started} and {@code /health/ready} stay DOWN, so neither Kubernetes
 * nor the local run sends requests before. A failure fails the application's start: better than serving
 * on a schema it does not know.
 */
@ApplicationScoped
public class SchemaMigration {

    /** Where every service keeps its changelog; it includes the kit's tables it uses. */
    public static final String CHANGELOG = "db/changelog.xml";

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/healthcheck")
    DataSource database;

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                 Object applicationStarting) throws Exception {
        long started = System.nanoTime();
        try (Connection connection = database.getConnection()) {
            Changelogs.update(connection, CHANGELOG, Thread.currentThread().getContextClassLoader());
        }
        LOG.info(() -> "Schema up to date with " + CHANGELOG + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
}
