package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** database.type postgresql: every service on an existing PostgreSQL, a database and a login of its own. */
class PostgreSqlTest {

    @Test
    void everyReplicaOfEveryServiceUsesItsOwnDatabaseAndLoginAndTheReleaseRunsNoDerby() {
        Rendered chart = Chart.render("postgresql.yaml", "three-replicas.yaml");

        assertThat(chart.find(StatefulSet.class, "healthcheck-derby")).isEmpty();
        assertThat(chart.find(Service.class, "healthcheck-derby")).isEmpty();
        for (String service : Rendered.SERVICES) {
            Deployment deployment = chart.deploymentOf(service);
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
            assertThat(chart.config(deployment, "DB_MODE")).isEqualTo("postgresql");
            assertThat(chart.config(deployment, "DB_HOST")).isEqualTo("checkups.postgres.example.net");
            assertThat(chart.config(deployment, "DB_PORT")).isEqualTo("5432");
            assertThat(chart.config(deployment, "DB_NAME")).isEqualTo(service);
            assertThat(chart.config(deployment, "DB_USER")).isEqualTo(service);
            assertThat(chart.config(deployment, "DB_SSL_MODE")).isEqualTo("require");
            // its own password only, from the one Secret, as with a Derby network server
            assertThat(chart.environment(Rendered.container(deployment)))
                    .containsEntry("DB_PASSWORD", new Rendered.FromSecret("healthcheck-credentials",
                            "DB_PASSWORD_" + service.toUpperCase(Locale.ROOT)))
                    .doesNotContainKeys("DB_ADMIN_USER", "DB_ADMIN_PASSWORD");
        }
    }

    @Test
    void databaseAndLoginNamesAndTheSslModeComeFromValues() {
        Rendered chart = Chart.render(List.of("postgresql.yaml"), Map.of(
                "database.postgresql.databases.schedule", "checkups_schedule",
                "database.postgresql.users.schedule", "checkups_schedule_app",
                "database.postgresql.port", 6432, "database.postgresql.sslMode", "disable"));

        Deployment schedule = chart.deploymentOf("schedule");
        assertThat(chart.config(schedule, "DB_NAME")).isEqualTo("checkups_schedule");
        assertThat(chart.config(schedule, "DB_USER")).isEqualTo("checkups_schedule_app");
        assertThat(chart.config(schedule, "DB_PORT")).isEqualTo("6432");
        assertThat(chart.config(schedule, "DB_SSL_MODE")).isEqualTo("disable");
        assertThat(chart.config(chart.deploymentOf("mypage"), "DB_NAME")).isEqualTo("mypage");
    }

    @Test
    void withPerServiceSecretsEachPodReadsItsOwnAndNoDerbySecretIsNeeded() {
        Rendered chart = Chart.render(List.of("per-service-secrets.yaml", "postgresql.yaml"),
                Map.of("secrets.existingSecrets.derby", ""));

        assertThat(chart.all(StatefulSet.class)).noneMatch(s -> s.getMetadata().getName().equals("healthcheck-derby"));
        for (String service : Rendered.SERVICES) {
            assertThat(chart.environment(Rendered.container(chart.deploymentOf(service))))
                    .containsEntry("DB_PASSWORD", new Rendered.FromSecret("checkups-" + service, "DB_PASSWORD"));
        }
    }

    @Test
    void postgresqlWithoutAHostOrAnUnknownTypeIsRefused() {
        assertThatThrownBy(() -> Chart.render(List.of("postgresql.yaml"), Map.of("database.postgresql.host", "")))
                .hasMessageContaining("set database.postgresql.host");
        assertThatThrownBy(() -> Chart.render(List.of(), Map.of("database.type", "mysql")))
                .hasMessageContaining("database.type must be one of the following: \"derby-network\", \"postgresql\"");
    }
}
