package dev.healthcheck.helm.run;

import dev.healthcheck.helm.Podman;
import dev.healthcheck.helm.Rendered;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The existing PostgreSQL the production values name (database.postgresql.host), run as its operator would
 * run it, outside the release: Debian's PostgreSQL 15 from the test fixture image
 * helm/src/test/images/postgresql (built here, on the images' base), TLS connections only, and one
 * database and login per service made by docs/postgresql-logins.sql with the passwords of the release's
 * Secret (its DB_PASSWORD_&lt;SERVICE&gt; keys).
 */
final class OperatorPostgreSql {

    static final List<String> SERVICES = List.of("schedule", "reservation", "delivery", "mypage");
    private static final String IMAGE = "localhost/healthcheck/test-postgresql:chartrun";
    private static final String BASE = "localhost/healthcheck/jre17:bookworm";
    private static final Path ROOT = Path.of(System.getProperty("healthcheck.root", ".."));

    private final Cluster.External server;
    private final Map<String, String> passwords;

    private OperatorPostgreSql(Cluster.External server, Map<String, String> passwords) {
        this.server = server;
        this.passwords = passwords;
    }

    /** The server under {@code host}, with a login for each service whose password the rendering's Secret holds. */
    static OperatorPostgreSql forRelease(Rendered rendered, String host) {
        // layers cached: a rebuild costs seconds once the first (apt-get install postgresql) is done
        Podman.run("build", "-q", "--build-arg", "BASE=" + BASE, "-t", IMAGE,
                ROOT.resolve("helm/src/test/images/postgresql").toString());
        Secret credentials = rendered.all(Secret.class).stream()
                .filter(secret -> secret.getMetadata().getName().equals("healthcheck-credentials")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the rendering has no Secret healthcheck-credentials"));
        Map<String, String> passwords = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>(Map.of("POSTGRESQL_LOGINS", String.join(" ", SERVICES)));
        for (String service : SERVICES) {
            String key = "DB_PASSWORD_" + service.toUpperCase();
            String password = new String(Base64.getDecoder().decode(credentials.getData().get(key)), StandardCharsets.UTF_8);
            passwords.put(service, password);
            env.put(key, password);
        }
        return new OperatorPostgreSql(new Cluster.External(host, IMAGE, env,
                Map.of(ROOT.resolve("docs/postgresql-logins.sql"), "/opt/postgresql-logins.sql"),
                List.of("pg_isready", "-q", "-h", "127.0.0.1")), passwords);
    }

    Cluster.External server() {
        return server;
    }

    /** A query as the server's superuser (on its socket); its rows, one a line, fields split by |. */
    List<String> asSuperuser(Cluster cluster, String database, String sql) {
        Podman.Result result = cluster.exec(server, List.of("psql", "-X", "-A", "-t", "-h", "/tmp", "-U", "postgres",
                "-d", database, "-c", sql));
        if (result.exit() != 0) {
            throw new IllegalStateException("psql as postgres in " + database + ": " + result.output());
        }
        return result.output().lines().toList();
    }

    /** A query as a service's login over TCP and TLS, as its data source connects: exit code and output. */
    Podman.Result as(Cluster cluster, String login, String database, String sql) {
        List<String> command = new ArrayList<>(List.of("env", "PGPASSWORD=" + passwords.get(login), "psql", "-X", "-A", "-t",
                "host=127.0.0.1 sslmode=require dbname=" + database + " user=" + login, "-c", sql));
        return cluster.exec(server, command);
    }
}
