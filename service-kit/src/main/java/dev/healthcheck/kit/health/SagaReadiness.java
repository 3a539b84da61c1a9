package dev.healthcheck.kit.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready means the service can keep its promises: its database answers and the broker takes connections. */
@Readiness
@ApplicationScoped
public class SagaReadiness implements HealthCheck {

    @Resource(lookup = "jdbc/healthcheck")
    DataSource dataSource;

    @Resource(lookup = "jms/healthcheck")
    ConnectionFactory connectionFactory;

    @Override
    public HealthCheckResponse call() {
        boolean database = databaseAnswers();
        boolean broker = brokerAnswers();
        return HealthCheckResponse.named("saga")
                .status(database && broker)
                .withData("database", database ? "UP" : "DOWN")
                .withData("broker", broker ? "UP" : "DOWN")
                .build();
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    private boolean brokerAnswers() {
        try (JMSContext context = connectionFactory.createContext()) {
            context.start();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
