package dev.healthcheck.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * One database and one login per service on a PostgreSQL server, so that no service can read or write
 * another's tables: each service's login (named after it) is created, or its password reset to the one
 * given now; its database (named after it too) is created owned by that login, and nobody else may
 * connect to it ({@code REVOKE ALL … FROM PUBLIC}; on PostgreSQL 15 the {@code public} schema belongs to
 * the database's owner). Run as a superuser (or a role with CREATEROLE and CREATEDB) at every start of the
 * local PostgreSQL, which is how a changed password takes. {@code docs/postgresql-logins.sql} is the same
 * for an operator's own PostgreSQL.
 */
public final class ServiceDatabases {

    public record Login(String user, String password) {
        @Override
        public String toString() {
            return "Login[" + user + "]";
        }
    }

    private final String url;
    private final Login administrator;

    /** {@code url}: a JDBC URL of the server without a database, e.g. {@code jdbc:postgresql://127.0.0.1:5532/}. */
    public ServiceDatabases(String url, Login administrator) {
        this.url = url;
        this.administrator = administrator;
    }

    public void apply(List<Login> services) throws SQLException {
        try (var server = DriverManager.getConnection(url + "postgres", administrator.user(), administrator.password())) {
            for (Login service : services) {
                boolean exists = exists(server, "SELECT 1 FROM pg_roles WHERE rolname = ?", service.user());
                execute(server, (exists ? "ALTER" : "CREATE")
                        + " ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD %L",
                        service.user(), service.password());
                Optional<String> owner = ownerOf(server, service.user());
                if (owner.isEmpty()) {
                    execute(server, "CREATE DATABASE %I OWNER %I ENCODING 'UTF8'", service.user(), service.user());
                } else if (!owner.get().equals(service.user())) {
                    // a database made earlier by another login must not be handed over silently
                    throw new IllegalStateException("database " + service.user() + " is owned by " + owner.get()
                            + ", not by " + service.user() + ": export its data, drop it and start again");
                }
                execute(server, "REVOKE ALL ON DATABASE %I FROM PUBLIC", service.user());
            }
        }
    }

    private static Optional<String> ownerOf(Connection server, String database) throws SQLException {
        try (var query = server.prepareStatement(
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (var owner = query.executeQuery()) {
                return owner.next() ? Optional.of(owner.getString(1)) : Optional.empty();
            }
        }
    }

    private static boolean exists(Connection server, String query, String parameter) throws SQLException {
        try (var statement = server.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * DDL takes no bind parameters: PostgreSQL's own {@code format()} quotes the names ({@code %I}) and the
     * password ({@code %L}), so nothing is spliced into SQL by hand.
     */
    private static void execute(Connection server, String template, String... arguments) throws SQLException {
        String sql;
        try (var format = server.prepareStatement("SELECT format(?, VARIADIC ?)")) {
            format.setString(1, template);
            format.setArray(2, server.createArrayOf("text", arguments));
            try (var formatted = format.executeQuery()) {
                formatted.next();
                sql = formatted.getString(1);
            }
        }
        try (var statement = server.createStatement()) {
            statement.execute(sql);
        }
    }
}
