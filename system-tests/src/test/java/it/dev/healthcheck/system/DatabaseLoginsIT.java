package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.dev.healthcheck.system.support.DerbyNetwork;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: each service's database login used against every other service's database, on the Derby network
 * server as the chart runs it. Only its own database lets a login in; and should a database ever let
 * another login connect, SQL authorisation still keeps its tables from it.
 */
class DatabaseLoginsIT {

    private static final int DERBY_PORT = 1530;

    @TempDir
    static Path home;
    private static DerbyNetwork derby;

    @BeforeAll
    static void networkServerWithALoginPerService() {
        derby = DerbyNetwork.start(home, DERBY_PORT);
    }

    @AfterAll
    static void stop() {
        if (derby != null) {
            derby.close();
        }
    }

    @Test
    void eachLoginOpensItsOwnDatabaseAndIsRefusedByEveryOther() throws SQLException {
        int refused = 0;
        for (String login : DerbyNetwork.SERVICES) {
            try (var own = derby.connect(login, login, derby.passwordOf(login));
                 var create = own.createStatement()) {
                create.execute("CREATE TABLE OWN_" + login + " (ID INT)");
            }
            for (String database : DerbyNetwork.SERVICES) {
                if (!database.equals(login)) {
                    assertThatThrownBy(() -> derby.connect(database, login, derby.passwordOf(login)).close())
                            .as(login + "'s login on " + database + "'s database")
                            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage())
                                    .contains("connection refused"));
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(12);
    }

    @Test
    void aLoginLetInByMistakeStillCannotReadAnotherServicesTables() throws SQLException {
        try (var schedule = derby.connect("schedule", "schedule", derby.passwordOf("schedule"));
             var owner = schedule.createStatement()) {
            owner.execute("CREATE TABLE SEATS (ID INT)");
            owner.execute("INSERT INTO SEATS VALUES 1");
            owner.execute("CALL SYSCS_UTIL.SYSCS_SET_USER_ACCESS('DELIVERY', 'FULLACCESS')");
        }
        try (var delivery = derby.connect("schedule", "delivery", derby.passwordOf("delivery"));
             var intruder = delivery.createStatement()) {
            assertThatThrownBy(() -> intruder.executeQuery("SELECT ID FROM SCHEDULE.SEATS").close())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                            .as("no SELECT permission").isEqualTo("42502"));
            assertThatThrownBy(() -> intruder.executeUpdate("DELETE FROM SCHEDULE.SEATS"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                            .as("no DELETE permission").isEqualTo("42500"));
        } finally {
            try (var schedule = derby.connect("schedule", "schedule", derby.passwordOf("schedule"));
                 var owner = schedule.createStatement()) {
                owner.execute("CALL SYSCS_UTIL.SYSCS_SET_USER_ACCESS('DELIVERY', NULL)");
            }
        }
    }

    @Test
    void theCredentialsDatabaseCanBeReadButNotChangedByAServiceAndHidesThePasswords() throws SQLException {
        try (var credentials = derby.connect("credentials", "mypage", derby.passwordOf("mypage"));
             var statement = credentials.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT USERNAME FROM SYS.SYSUSERS").close())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("4251D"));
            assertThatThrownBy(() -> statement.execute("CREATE TABLE FILLER (ID INT)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25503"));
        }
    }

    @Test
    void aChangedPasswordTakesAtTheNextStartAndTheOldOneNoLongerLogsIn() throws SQLException {
        String old = derby.passwordOf("reservation");
        derby.kill();
        derby.changePassword("reservation");
        derby.start();
        assertThatThrownBy(() -> derby.connect("reservation", "reservation", old).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08004"));
        try (var reservation = derby.connect("reservation", "reservation", derby.passwordOf("reservation"))) {
            assertThat(reservation.isValid(5)).isTrue();
        }
    }
}
