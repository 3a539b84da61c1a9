package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Autoscaling, replicas, and the shared database that more than one pod of a service needs. */
class ScalingTest {

    @Test
    void reservationAutoscalesOnCpuByDefault() {
        Rendered chart = Chart.render();

        HorizontalPodAutoscaler hpa = single(chart.all(HorizontalPodAutoscaler.class));
        Deployment reservation = chart.deploymentOf("reservation");
        assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(reservation.getMetadata().getName());
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
        assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(metric -> {
            assertThat(metric.getType()).isEqualTo("Resource");
            assertThat(metric.getResource().getName()).isEqualTo("cpu");
            assertThat(metric.getResource().getTarget().getType()).isEqualTo("Utilization");
            assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(15);
        });
        // the HPA owns the replica count; a fixed one in the Deployment would reset it on every upgrade
        assertThat(reservation.getSpec().getReplicas()).isNull();
        assertThat(chart.deploymentOf("schedule").getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void withAutoscalingOffReservationRunsTheConfiguredReplicas() {
        Rendered chart = Chart.render("hpa-off.yaml");

        assertThat(chart.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(chart.deploymentOf("reservation").getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void anyServiceCanAutoscaleFromValues() {
        Rendered chart = Chart.render(List.of(), Map.of("services.mypage.autoscaling.enabled", true,
                "services.mypage.autoscaling.maxReplicas", 4));

        assertThat(chart.all(HorizontalPodAutoscaler.class))
                .extracting(h -> h.getSpec().getScaleTargetRef().getName(), h -> h.getSpec().getMaxReplicas())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("healthcheck-mypage", 4),
                        org.assertj.core.groups.Tuple.tuple("healthcheck-reservation", 10));
    }

    @Test
    void threeReplicasOfEachServiceShareTheDerbyNetworkServer() {
        Rendered chart = Chart.render("three-replicas.yaml");

        StatefulSet derby = chart.get(StatefulSet.class, "healthcheck-derby");
        Service derbyService = chart.serviceSelecting(derby.getSpec().getTemplate().getMetadata().getLabels());
        assertThat(derby.getSpec().getVolumeClaimTemplates()).singleElement()
                .satisfies(claim -> assertThat(claim.getSpec().getResources().getRequests()).containsKey("storage"));
        for (String service : Rendered.SERVICES) {
            Deployment deployment = chart.deploymentOf(service);
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
            assertThat(chart.config(deployment, "DB_MODE")).isEqualTo("network");
            assertThat(chart.config(deployment, "DB_HOST")).isEqualTo(derbyService.getMetadata().getName());
            assertThat(Integer.parseInt(chart.config(deployment, "DB_PORT")))
                    .isEqualTo(derbyService.getSpec().getPorts().get(0).getPort())
                    .isEqualTo(derby.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0)
                            .getContainerPort());
        }
    }

    @Test
    void moreThanOnePodWithoutASharedDatabaseIsRefused() {
        assertThatThrownBy(() -> Chart.render(List.of("three-replicas.yaml"), Map.of("derby.network.enabled", false)))
                .hasMessageContaining("needs a shared database");
        // reservation autoscales by default, so it alone is enough
        assertThatThrownBy(() -> Chart.render(List.of(), Map.of("derby.network.enabled", false)))
                .hasMessageContaining("services.reservation");
    }

    @Test
    void singlePodsMayUseEmbeddedDerby() {
        Rendered chart = Chart.render(List.of("hpa-off.yaml"), Map.of("derby.network.enabled", false,
                "services.reservation.replicas", 1));

        assertThat(chart.find(StatefulSet.class, "healthcheck-derby")).isEmpty();
        for (String service : Rendered.SERVICES) {
            Deployment deployment = chart.deploymentOf(service);
            assertThat(chart.config(deployment, "DB_MODE")).isEqualTo("embedded");
            assertThat(chart.environment(Rendered.container(deployment))).doesNotContainKey("DB_HOST");
        }
    }

    @Test
    void anExternalDatabaseReplacesTheReleasesDerby() {
        Rendered chart = Chart.render(List.of("three-replicas.yaml"), Map.of(
                "database.external.host", "derby.databases.svc.cluster.local", "database.external.port", 1528));

        assertThat(chart.find(StatefulSet.class, "healthcheck-derby")).isEmpty();
        assertThat(chart.find(Service.class, "healthcheck-derby")).isEmpty();
        for (String service : Rendered.SERVICES) {
            Deployment deployment = chart.deploymentOf(service);
            assertThat(chart.config(deployment, "DB_MODE")).isEqualTo("network");
            assertThat(chart.config(deployment, "DB_HOST")).isEqualTo("derby.databases.svc.cluster.local");
            assertThat(chart.config(deployment, "DB_PORT")).isEqualTo("1528");
        }
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
