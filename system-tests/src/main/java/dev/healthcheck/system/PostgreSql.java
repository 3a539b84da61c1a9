package dev.healthcheck.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the local system's own (Debian's PostgreSQL 15, installed by the build when missing):
 * its cluster under {@code target/postgresql}, on its own port and socket directory, run as the user
 * {@code postgres} when started by root (PostgreSQL refuses to run as root). Each service gets its own
 * database and login ({@link ServiceDatabases}); their passwords are drawn at every start.
 */
public final class PostgreSql implements AutoCloseable {

    public static final int PORT = 5532;
    public static final List<String> SERVICES = List.of("schedule", "reservation", "delivery", "mypage");
    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String ADMINISTRATOR = "dbadmin";

    private final Layout layout;
    private final Path home;
    private final int port;
    private final Map<String, String> passwords = new HashMap<>();

    /** The local system's: {@code target/postgresql}, port {@value #PORT}. */
    PostgreSql(Layout layout) {
        this(layout, layout.root().resolve("target/postgresql"), PORT);
    }

    /** Another cluster, in {@code home} (which the user postgres must be able to reach), on {@code port}. */
    public PostgreSql(Layout layout, Path home, int port) {
        this.layout = layout;
        this.home = home;
        this.port = port;
    }

    /** Creates the cluster if there is none yet, starts it, then makes each service's database and login. */
    public void start() {
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.isExecutable(BIN.resolve("pg_ctl"))) {
            Processes.run(List.of(layout.root().resolve("bin/ensure-packages").toString(), "postgresql"), commandsLog(),
                    Duration.ofMinutes(10));
        }
        stopLeftOver();
        if (Processes.portOpen("127.0.0.1", port)) {
            throw new IllegalStateException("port " + port + " is busy: is healthcheck's PostgreSQL already running?");
        }
        if (!Files.exists(data().resolve("PG_VERSION"))) {
            create();
        }
        pgCtl("start", "-w", "-t", "60", "-l", log().toString(), "-o",
                // a pool of 50 per server and the tests' own connections: more than the default 100
                "-p " + port + " -k " + socketDirectory() + " -c listen_addresses=127.0.0.1 -c max_connections=250");
        SERVICES.forEach(service -> passwords.put(service, UUID.randomUUID().toString()));
        try {
            serviceDatabases().apply(SERVICES.stream()
                    .map(service -> new ServiceDatabases.Login(service, passwords.get(service))).toList());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the services' databases and logins; see " + log(), e);
        }
    }

    /** Fast shutdown: open sessions are ended, everything committed is kept. */
    public void stop() {
        if (Files.exists(data().resolve("postmaster.pid"))) {
            pgCtl("stop", "-m", "fast", "-w");
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** What a service's server needs to use its own database here, with its own login. */
    public Map<String, String> environmentOf(String service) {
        return Map.of("DB_MODE", "postgresql", "DB_HOST", "127.0.0.1", "DB_PORT", String.valueOf(port),
                "DB_NAME", service, "DB_USER", service, "DB_PASSWORD", passwordOf(service),
                // the loopback: no TLS to ask for
                "DB_SSL_MODE", "disable");
    }

    public String passwordOf(String service) {
        String password = passwords.get(service);
        if (password == null) {
            throw new IllegalStateException("no login for " + service + ": start PostgreSQL first");
        }
        return password;
    }

    /** A connection to a database of this server, as a service's server would open one. */
    public Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(url() + database, user, password);
    }

    /** As the administrator (a superuser of this cluster only). */
    public Connection connectAsAdministrator(String database) throws SQLException {
        var administrator = administrator();
        return connect(database, administrator.user(), administrator.password());
    }

    /** What makes the services' databases and logins here, as this cluster's administrator. */
    public ServiceDatabases serviceDatabases() {
        return new ServiceDatabases(url(), administrator());
    }

    /** The server's own log (written by the user postgres). */
    public Path log() {
        return home().resolve("postgresql.log");
    }

    /** What initdb and pg_ctl printed. */
    private Path commandsLog() {
        return home().resolve("commands.log");
    }

    /** Forgets every service's data: the next start makes a new cluster. Only when stopped. */
    public void wipe() {
        Systems.deleteTree(home());
    }

    private String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/";
    }

    private void create() {
        try {
            Files.createDirectories(socketDirectory());
            // the administrator's password, drawn once per cluster, readable by its owner alone
            Files.writeString(passwordFile(), UUID.randomUUID().toString());
            Files.setPosixFilePermissions(passwordFile(), PosixFilePermissions.fromString("rw-------"));
            if (asRoot()) {
                UserPrincipal postgres = home().getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                try (Stream<Path> paths = Files.walk(home())) {
                    for (Path path : (Iterable<Path>) paths::iterator) {
                        Files.setOwner(path, postgres);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Processes.run(asPostgres(BIN.resolve("initdb").toString(), "-D", data().toString(), "-U", ADMINISTRATOR,
                "--pwfile=" + passwordFile(), "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync"),
                commandsLog(), Duration.ofMinutes(2));
    }

    /** A server of ours from an interrupted run (its pid file in our data directory): stopped before a start. */
    private void stopLeftOver() {
        if (Files.exists(data().resolve("postmaster.pid"))) {
            try {
                pgCtl("stop", "-m", "immediate", "-w");
            } catch (IllegalStateException notRunning) {
                // pg_ctl found no server behind the stale pid file: nothing to stop
            }
        }
    }

    private ServiceDatabases.Login administrator() {
        try {
            return new ServiceDatabases.Login(ADMINISTRATOR, Files.readString(passwordFile()).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("no administrator password in " + passwordFile(), e);
        }
    }

    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("pg_ctl").toString(), "-D", data().toString()));
        command.addAll(List.of(arguments));
        Processes.run(asPostgres(command.toArray(String[]::new)), commandsLog(), Duration.ofMinutes(2));
    }

    private static List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private Path home() {
        return home;
    }

    private Path data() {
        return home().resolve("data");
    }

    private Path socketDirectory() {
        return home().resolve("run");
    }

    private Path passwordFile() {
        return home().resolve("administrator.password");
    }
}
