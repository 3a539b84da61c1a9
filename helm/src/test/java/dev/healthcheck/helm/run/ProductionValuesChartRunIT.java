package dev.healthcheck.helm.run;

import static dev.healthcheck.helm.run.Client.DELIVERY;
import static dev.healthcheck.helm.run.Client.MYPAGE;
import static dev.healthcheck.helm.run.Client.RESERVATION;
import static dev.healthcheck.helm.run.Client.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.healthcheck.helm.Chart;
import dev.healthcheck.helm.Rendered;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chart rendered with the production layout (values/production-run.yaml: every service on an existing
 * PostgreSQL, a replicating primary/backup pair of brokers) on the local images, TLS on (values/tls.yaml),
 * and run in podman as {@link ChartRunIT} runs it. The PostgreSQL is the operator's, outside the release
 * ({@link OperatorPostgreSql}); TLS on, as in production: the services reach it with the chart's default
 * sslMode require, and it takes TLS connections only. One release for all the tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionValuesChartRunIT {

    private static final List<String> VALUES = List.of("local-images.yaml", "tls.yaml", "two-cores.yaml", "production-run.yaml");
    private static final String POSTGRESQL_HOST = "operator-postgresql";
    private static final String PRIMARY = "healthcheck-artemis";
    /** Not ready by design until it takes over: the backup opens its port only then. */
    private static final String BACKUP = "healthcheck-artemis-backup";
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static Cluster cluster;
    private static ReleaseCertificates certificates;
    private static OperatorPostgreSql postgresql;
    private static Client admin;

    @BeforeAll
    static void install() {
        Rendered installed = Chart.render(VALUES, Map.of());
        postgresql = OperatorPostgreSql.forRelease(installed, POSTGRESQL_HOST);
        Instant start = Instant.now();
        certificates = ReleaseCertificates.issue(installed, Path.of("target/chart-run/tls-production"));
        cluster = Cluster.start(installed, certificates.secrets(), certificates.clientContext(), List.of(postgresql.server()));
        cluster.awaitAllReady(Duration.ofMinutes(8), List.of(BACKUP));
        System.out.println("chart-run (production values): every pod ready but the broker backup "
                + Duration.between(start, Instant.now()).toSeconds() + " s after the start");
        admin = Client.as(cluster, "admin");
    }

    @AfterAll
    static void uninstall() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(0)
    void everyServiceIsReadyOnItsOwnPostgreSqlDatabaseOverTlsAndItsLoginReachesNoOtherDatabase() {
        // ready: its data source reached PostgreSQL and its broker connection (TLS) is up
        for (String service : List.of(SCHEDULE, RESERVATION, DELIVERY, MYPAGE)) {
            admin.awaitReadyWithTheBrokerUp(service, EVENTUALLY);
        }
        // who the server sees: each service's pool, as its own login, in its own database, over TLS
        assertThat(postgresql.asSuperuser(cluster, "postgres", "SELECT DISTINCT usename, datname, ssl"
                + " FROM pg_stat_activity JOIN pg_stat_ssl USING (pid) WHERE usename <> 'postgres' ORDER BY 1"))
                .containsExactly("delivery|delivery|t", "mypage|mypage|t", "reservation|reservation|t", "schedule|schedule|t");
        for (int i = 0; i < OperatorPostgreSql.SERVICES.size(); i++) {
            String service = OperatorPostgreSql.SERVICES.get(i);
            String other = OperatorPostgreSql.SERVICES.get((i + 1) % OperatorPostgreSql.SERVICES.size());
            var own = postgresql.as(cluster, service, service, "SELECT count(*) FROM pg_tables WHERE tableowner = current_user");
            assertThat(own.exit()).as("%s in its own database: %s", service, own.output()).isZero();
            assertThat(Integer.parseInt(own.output().trim())).as("%s's tables, made by its server", service).isPositive();
            var foreign = postgresql.as(cluster, service, other, "SELECT 1");
            assertThat(foreign.exit()).as("%s in %s's database", service, other).isNotZero();
            assertThat(foreign.output()).contains("permission denied for database \"" + other + "\"");
        }
    }

    @Test
    @Order(1)
    void theOriginalScenarioBooksCancelsAndNeverOversellsThroughTheServices() {
        new OriginalScenario(cluster).booksCancelsAndNeverOversells();
    }

    @Test
    @Order(2)
    void theLiveBrokerKilledWithSignal9UnderBookingsFailsOverToItsBackupAndNothingIsLostDoubledOrDeadLettered() {
        RunningPod primary = cluster.podsOf(PRIMARY).get(0);
        RunningPod backup = cluster.podsOf(BACKUP).get(0);
        assertThat(primary.isReady()).as("the primary is live").isTrue();
        assertThat(backup.isReady()).as("the backup is not (its port opens when it takes over)").isFalse();
        long deadBefore = DeadLetters.count(cluster, certificates);
        try (Bookings bookings = new Bookings(cluster, 2, 2_000, 2_000).start(3)) {
            await().atMost(EVENTUALLY).until(() -> bookings.acknowledged() >= 10);
            int restarts = primary.restarts();
            long beforeKill = bookings.acknowledged();
            Instant killed = Instant.now();
            primary.kill9();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(backup::isReady);
            Duration backupLive = Duration.between(killed, Instant.now());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> bookings.acknowledged() >= beforeKill + 5);
            Duration bookingsAgain = Duration.between(killed, Instant.now());
            // the kubelet starts the killed primary again: it finds the backup live and becomes its backup
            await().atMost(Duration.ofMinutes(2)).until(() -> primary.restarts() > restarts);
            long afterRestart = bookings.acknowledged();
            await().atMost(EVENTUALLY).until(() -> bookings.acknowledged() >= afterRestart + 10);
            bookings.stop();
            System.out.println("chart-run (production values): live broker killed -9; the backup ready (live) after "
                    + backupLive.toMillis() + " ms, 5 more bookings acknowledged after " + bookingsAgain.toMillis()
                    + " ms; " + bookings);
            bookings.unavailable().forEach(answer -> System.out.println("chart-run (production values): " + answer));
            bookings.failures().forEach(failure -> System.out.println("chart-run (production values): " + failure));
            System.out.println("chart-run (production values): the restarted primary: " + primary.logs().lines()
                    .filter(line -> line.matches(".*AMQ22(1000|1001|1007|1010|1024|1109|2153|1031).*")).toList());

            assertThat(backup.isReady()).as("the backup stays live (no failback)").isTrue();
            assertThat(primary.isReady()).as("the restarted primary is the backup's backup: no port open").isFalse();
            bookings.awaitConsistent(Duration.ofMinutes(2));
            assertThat(DeadLetters.count(cluster, certificates)).as("messages in DLA").isEqualTo(deadBefore);
        }
    }
}
