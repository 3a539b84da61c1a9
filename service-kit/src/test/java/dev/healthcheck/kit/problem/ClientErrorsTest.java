package dev.healthcheck.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.persistence.PersistenceException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which failures are the database out of reach (503 database-unavailable, try again) and which stay our
 * fault (500). The answer itself is checked over HTTP by DatabaseOutageIT; {@link Problem} needs a
 * JAX-RS runtime.
 */
class ClientErrorsTest {

    @TempDir
    Path databases;

    @Test
    void aConnectionTheDerbyClientCannotOpenIsTheDatabaseUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Throwable refused = catchThrowable(() -> DriverManager.getConnection("jdbc:derby://localhost:" + closedPort + "/gone"));
        assertThat(refused).isInstanceOf(SQLException.class);

        // as JPA hands it on: wrapped, the SQLException somewhere down the chain
        assertThat(ClientErrors.databaseOutOfReach(new PersistenceException("commit failed", refused))).containsSame(refused);
    }

    @Test
    void postgreSqlShuttingDownIsTheDatabaseUnavailable() {
        var terminated = new SQLException("FATAL: terminating connection due to administrator command", "57P01");

        assertThat(ClientErrors.databaseOutOfReach(new PersistenceException(terminated))).containsSame(terminated);
    }

    @Test
    void aDatabaseThatAnsweredWithAnErrorIsStillOurFault() throws Exception {
        String url = "jdbc:derby:" + databases.resolve("db") + ";create=true";
        Throwable duplicate;
        try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE T (ID INT PRIMARY KEY)");
            statement.execute("INSERT INTO T VALUES (1)");
            duplicate = catchThrowable(() -> statement.execute("INSERT INTO T VALUES (1)"));
        }
        assertThat(duplicate).isInstanceOf(SQLException.class);

        assertThat(ClientErrors.databaseOutOfReach(new PersistenceException(duplicate))).isEmpty();
    }
}
