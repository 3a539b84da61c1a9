package dev.healthcheck.derby;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gives each service a Derby login that reaches only its own database, run in {@code derby.system.home}
 * before the network server starts there (and after every restart, which is how a changed password takes):
 * <ul>
 *   <li>{@code derby.properties} turns on NATIVE authentication: the logins live in the credentials
 *       database, owned by the administrator, and SQL authorisation is on with it;</li>
 *   <li>each service's login is created, or its password reset to the one given now;</li>
 *   <li>each service's database is created by its own login, so that login owns it, and its
 *       connection authorisation lets that login alone connect. Every login may read the credentials
 *       database (authentication needs it; Derby shows no one the password hashes), the administrator
 *       alone may change it.</li>
 * </ul>
 * The database of a service is named after it, as is its login. Usage, with Derby's embedded engine on
 * the class path: {@code java -Dderby.system.home=DIR dev.healthcheck.derby.ServiceLogins schedule reservation …},
 * with {@code DB_ADMIN_USER}, {@code DB_ADMIN_PASSWORD} and {@code DB_PASSWORD_<SERVICE>} in the environment.
 */
public final class ServiceLogins {

    public static final String CREDENTIALS_DATABASE = "credentials";

    /** The network server reads these at start too: they are the system-wide settings of the whole server. */
    static final String PROPERTIES = String.join("\n",
            "# Written by dev.healthcheck.derby.ServiceLogins at every start of the server.",
            "# NATIVE authentication against the credentials database (SQL authorisation comes with it).",
            "derby.authentication.provider=NATIVE:" + CREDENTIALS_DATABASE,
            "# Passwords are rotated through the Secrets; Derby's default would expire them after 31 days.",
            "derby.authentication.native.passwordLifetimeMillis=0",
            "");

    private static final String USER_EXISTS = "X0Y68";

    private final Path home;
    private final Login administrator;

    public ServiceLogins(Path home, Login administrator) {
        this.home = home;
        this.administrator = administrator;
    }

    public record Login(String user, String password) {
        @Override
        public String toString() {
            return "Login[" + user + "]";
        }
    }

    public static void main(String[] services) throws Exception {
        Map<String, String> env = System.getenv();
        var logins = new ServiceLogins(Path.of(System.getProperty("derby.system.home", ".")),
                new Login(required(env, "DB_ADMIN_USER"), required(env, "DB_ADMIN_PASSWORD")));
        logins.apply(Arrays.stream(services)
                .map(s -> new Login(s, required(env, "DB_PASSWORD_" + s.toUpperCase(Locale.ROOT)))).toList());
        System.out.println("Derby logins ready for " + String.join(", ", services));
    }

    /**
     * Writes the server's properties, then brings the credentials database and each service's login and
     * database to the state above, and shuts the embedded engine down so the network server can boot it.
     */
    public void apply(List<Login> services) throws IOException, SQLException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("derby.properties"), PROPERTIES);
        System.setProperty("derby.system.home", home.toString());
        try (var credentials = connect(CREDENTIALS_DATABASE + ";create=true", administrator)) {
            ownedBy(credentials, administrator, CREDENTIALS_DATABASE);
            // the other logins are checked against this database, which needs them to read it: noAccess
            // here would refuse every login; read-only keeps them from writing there
            admit(credentials, administrator, "readOnlyAccess");
            for (Login service : services) {
                createOrReset(credentials, service);
            }
        }
        for (Login service : services) {
            try (var database = connect(service.user() + ";create=true", service)) {
                ownedBy(database, service, service.user());
                admit(database, service, "noAccess");
            }
        }
        shutDownEngine();
    }

    private static void createOrReset(Connection credentials, Login service) throws SQLException {
        try (var create = credentials.prepareCall("CALL SYSCS_UTIL.SYSCS_CREATE_USER(?, ?)")) {
            create.setString(1, service.user());
            create.setString(2, service.password());
            create.execute();
        } catch (SQLException exists) {
            if (!USER_EXISTS.equals(exists.getSQLState())) {
                throw exists;
            }
            try (var reset = credentials.prepareCall("CALL SYSCS_UTIL.SYSCS_RESET_PASSWORD(?, ?)")) {
                reset.setString(1, service.user());
                reset.setString(2, service.password());
                reset.execute();
            }
        }
    }

    /** A database created earlier by another login (before this class ran there) must not be handed over silently. */
    private static void ownedBy(Connection database, Login login, String name) throws SQLException {
        try (var owner = database.createStatement()
                .executeQuery("SELECT AUTHORIZATIONID FROM SYS.SYSSCHEMAS WHERE SCHEMANAME = 'SYS'")) {
            owner.next();
            String dbo = owner.getString(1);
            if (!dbo.equalsIgnoreCase(login.user())) {
                throw new IllegalStateException("database " + name + " is owned by " + dbo + ", not by " + login.user()
                        + ": export its data, remove it from derby.system.home and start again");
            }
        }
    }

    /** Connection authorisation, checked at connect whatever grants exist inside: the owner in full, everyone else {@code others}. */
    private static void admit(Connection database, Login owner, String others) throws SQLException {
        setProperty(database, "derby.database.fullAccessUsers", owner.user());
        setProperty(database, "derby.database.defaultConnectionMode", others);
    }

    private static void setProperty(Connection database, String key, String value) throws SQLException {
        try (var set = database.prepareCall("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY(?, ?)")) {
            set.setString(1, key);
            set.setString(2, value);
            set.execute();
        }
    }

    private Connection connect(String database, Login login) throws SQLException {
        return DriverManager.getConnection("jdbc:derby:" + database, login.user(), login.password());
    }

    private void shutDownEngine() throws SQLException {
        try {
            connect(";shutdown=true", administrator).close();
        } catch (SQLException shutDown) {
            if (!"XJ015".equals(shutDown.getSQLState())) {
                throw shutDown;
            }
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
