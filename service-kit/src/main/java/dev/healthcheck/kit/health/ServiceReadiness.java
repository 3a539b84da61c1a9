package dev.healthcheck.kit.health;

import dev.healthcheck.kit.outbox.OutboxBacklog;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means the service can answer requests: its database answers. The broker is no condition of it:
 * while the broker is away, bookings, cancellations and reads go on and their events wait in the outbox,
 * so taking every pod out of its Service would only turn a delay into an outage. The broker is reported
 * beside it, as {@link BrokerConnection} knows it, with the events waiting to be sent.
 */
@Readiness
@ApplicationScoped
public class ServiceReadiness implements HealthCheck {

    @Resource(lookup = "jdbc/healthcheck")
    DataSource dataSource;

    @Inject
    BrokerConnection broker;

    @Inject
    OutboxBacklog outbox;

    @Override
    public HealthCheckResponse call() {
        boolean database = databaseAnswers();
        return HealthCheckResponse.named("service")
                .status(database)
                .withData("database", database ? "UP" : "DOWN")
                .withData("broker", broker.isConnected() ? "UP" : "DOWN")
                .withData("outboxBacklog", outbox.events())
                .build();
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }
}
