package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthcheck.system.Layout;
import dev.healthcheck.system.PostgreSql;
import dev.healthcheck.system.ServiceDatabases;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault: each service's PostgreSQL login used against every other service's database, on a cluster made
 * as the run command's {@code -Ddb=postgresql} makes it (and as docs/postgresql-logins.sql tells an
 * operator to). Only its own database lets a login in; should another database ever let it connect, that
 * database's tables still refuse it; and a login can make no database or login of its own.
 */
class PostgreSqlLoginsIT {

    private static final int PORT = 5533;
    private static final List<String> SERVICES = PostgreSql.SERVICES;
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private static PostgreSql postgres;

    @BeforeAll
    static void clusterWithADatabaseAndLoginPerService() {
        Layout layout = Layout.fromSystemProperties();
        postgres = new PostgreSql(layout, layout.root().resolve("system-tests/target/postgresql-logins"), PORT);
        postgres.wipe();
        postgres.start();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void eachLoginOpensItsOwnDatabaseAndIsRefusedByEveryOther() throws SQLException {
        int refused = 0;
        for (String login : SERVICES) {
            try (var own = postgres.connect(login, login, postgres.passwordOf(login));
                 var create = own.createStatement()) {
                create.execute("CREATE TABLE own_" + login + " (id INT)");
            }
            for (String database : SERVICES) {
                if (!database.equals(login)) {
                    assertThatThrownBy(() -> postgres.connect(database, login, postgres.passwordOf(login)).close())
                            .as(login + "'s login on " + database + "'s database")
                            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                                    .as("no CONNECT privilege").isEqualTo(INSUFFICIENT_PRIVILEGE));
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(12);
    }

    @Test
    void aLoginLetInByMistakeStillCannotReadOrChangeAnotherServicesTables() throws SQLException {
        try (var schedule = postgres.connect("schedule", "schedule", postgres.passwordOf("schedule"));
             var owner = schedule.createStatement()) {
            owner.execute("CREATE TABLE seats (id INT)");
            owner.execute("INSERT INTO seats VALUES (1)");
        }
        try (var admin = postgres.connectAsAdministrator("postgres"); var grant = admin.createStatement()) {
            grant.execute("GRANT CONNECT ON DATABASE schedule TO delivery");
        }
        try (var delivery = postgres.connect("schedule", "delivery", postgres.passwordOf("delivery"));
             var intruder = delivery.createStatement()) {
            assertThatThrownBy(() -> intruder.executeQuery("SELECT id FROM seats").close())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                            .as("no SELECT permission").isEqualTo(INSUFFICIENT_PRIVILEGE));
            assertThatThrownBy(() -> intruder.executeUpdate("DELETE FROM seats"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                            .as("no DELETE permission").isEqualTo(INSUFFICIENT_PRIVILEGE));
            assertThatThrownBy(() -> intruder.execute("CREATE TABLE filler (id INT)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                            .as("no CREATE in the owner's public schema").isEqualTo(INSUFFICIENT_PRIVILEGE));
        } finally {
            try (var admin = postgres.connectAsAdministrator("postgres"); var revoke = admin.createStatement()) {
                revoke.execute("REVOKE CONNECT ON DATABASE schedule FROM delivery");
            }
        }
    }

    @Test
    void aServiceLoginMakesNoDatabaseNoLoginAndCannotGrantItselfMore() throws SQLException {
        try (var mypage = postgres.connect("mypage", "mypage", postgres.passwordOf("mypage"));
             var statement = mypage.createStatement()) {
            for (String sql : List.of("CREATE DATABASE extra", "CREATE ROLE extra LOGIN", "ALTER ROLE mypage SUPERUSER",
                    "GRANT CONNECT ON DATABASE reservation TO mypage")) {
                assertThatThrownBy(() -> statement.execute(sql)).as(sql)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                                .isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
        }
    }

    @Test
    void aDatabaseAnotherLoginOwnsIsNotHandedOver() throws SQLException {
        try (var admin = postgres.connectAsAdministrator("postgres"); var create = admin.createStatement()) {
            create.execute("CREATE DATABASE audit OWNER schedule");
        }
        assertThatThrownBy(() -> postgres.serviceDatabases().apply(List.of(new ServiceDatabases.Login("audit", "pw"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("owned by schedule");
        try (var admin = postgres.connectAsAdministrator("postgres"); var owner = admin.createStatement();
             var rows = owner.executeQuery("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'audit'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("schedule");
        }
    }

    @Test
    void passwordsAreDrawnAgainAtEveryStartAndTheOldOneNoLongerLogsIn() throws SQLException {
        String old = postgres.passwordOf("reservation");
        postgres.stop();
        postgres.start();
        assertThat(postgres.passwordOf("reservation")).isNotEqualTo(old);
        assertThatThrownBy(() -> postgres.connect("reservation", "reservation", old).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                        .as("invalid password").isEqualTo("28P01"));
        try (var reservation = postgres.connect("reservation", "reservation", postgres.passwordOf("reservation"))) {
            assertThat(reservation.isValid(5)).isTrue();
        }
    }
}
