package it.dev.healthcheck.system.support;

import static org.awaitility.Awaitility.await;

import dev.healthcheck.derby.ServiceLogins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.derby.drda.NetworkServerControl;

/**
 * A Derby network server as the chart runs it: in a process of its own, NATIVE authentication, one login
 * per service that reaches only that service's database ({@link ServiceLogins}, run before each start
 * exactly as the derby-network image runs it), on the loopback. Passwords are drawn per test run.
 */
public final class DerbyNetwork implements ServiceDatabases, AutoCloseable {

    public static final List<String> SERVICES = List.of("schedule", "reservation", "delivery", "mypage");

    private final Path home;
    private final int port;
    private final Map<String, String> passwords = new HashMap<>();
    private Process server;

    private DerbyNetwork(Path home, int port) {
        this.home = home;
        this.port = port;
        passwords.put("DB_ADMIN_PASSWORD", UUID.randomUUID().toString());
        SERVICES.forEach(service -> passwords.put(passwordKey(service), UUID.randomUUID().toString()));
    }

    /** Logins made, server answering: its databases and log under {@code home}. */
    public static DerbyNetwork start(Path home, int port) {
        var derby = new DerbyNetwork(home, port);
        derby.start();
        return derby;
    }

    /** (Again) after {@link #kill}: the logins are applied once more, then the server starts. */
    public void start() {
        var logins = run(List.of(ServiceLogins.class.getName()), SERVICES);
        if (logins.onExit().join().exitValue() != 0) {
            throw new IllegalStateException("ServiceLogins failed: see " + log());
        }
        server = run(List.of(NetworkServerControl.class.getName(), "start", "-h", "127.0.0.1", "-p", String.valueOf(port)),
                List.of());
        var control = control();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(control::ping);
    }

    /** kill -9 of the server process: connections drop, nothing is shut down in order. */
    public void kill() {
        if (server != null) {
            server.destroyForcibly();
            server.onExit().join();
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** What a service's server needs to use its own database here, with its own login. */
    @Override
    public Map<String, String> environmentOf(String service) {
        return Map.of("DB_MODE", "network", "DB_HOST", "127.0.0.1", "DB_PORT", String.valueOf(port),
                "DB_NAME", service, "DB_USER", service, "DB_PASSWORD", passwordOf(service));
    }

    /** A new password for the service's login, as a rotated Secret gives it: it takes at the next {@link #start}. */
    public void changePassword(String service) {
        passwords.put(passwordKey(service), UUID.randomUUID().toString());
    }

    public String passwordOf(String service) {
        return passwords.get(passwordKey(service));
    }

    /** A connection through the network server, as a service's server would open one. */
    public Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:derby://127.0.0.1:" + port + "/" + database, user, password);
    }

    public Path log() {
        return home.resolve("derby-server.log");
    }

    private Process run(List<String> mainAndArguments, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dderby.system.home=" + home));
        command.addAll(mainAndArguments);
        command.addAll(arguments);
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().put("DB_ADMIN_USER", "dbadmin");
        builder.environment().putAll(passwords);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private NetworkServerControl control() {
        try {
            return new NetworkServerControl(InetAddress.getLoopbackAddress(), port);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String passwordKey(String service) {
        return "DB_PASSWORD_" + service.toUpperCase(Locale.ROOT);
    }
}
