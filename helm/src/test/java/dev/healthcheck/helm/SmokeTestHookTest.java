package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthcheck.helm.smoke.ChartSmoke;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `helm test`: one Pod that books and cancels a seat through the release's Services, with its Secret. */
class SmokeTestHookTest {

    @Test
    void theTestPodIsAHelmTestHookThatRunsTheSmokeJarOfTheReservationImage() {
        Rendered chart = Chart.render();

        Pod pod = chart.get(Pod.class, "healthcheck-smoke-test");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "test");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getActiveDeadlineSeconds()).isPositive();
        Container container = pod.getSpec().getContainers().get(0);
        assertThat(pod.getSpec().getContainers()).hasSize(1);
        assertThat(container.getImage()).isEqualTo(Rendered.container(chart.deploymentOf("reservation")).getImage());
        assertThat(container.getCommand()).containsExactly("java", "-jar", ChartSmoke.JAR_IN_IMAGE);
        // no Service, budget or autoscaler reaches for the test Pod
        assertThat(chart.all(Service.class)).noneMatch(service ->
                pod.getMetadata().getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"images.yaml", "existing-secret.yaml", "per-service-secrets.yaml", "local-images.yaml"})
    void itReachesScheduleAndReservationByTheirServicesAndLogsInWithTheReleasesSecret(String valueSet) {
        Rendered chart = Chart.render(valueSet);
        var expected = Credentials.expected("smoke-test", Credentials.Layout.of(valueSet), true);

        Map<String, Rendered.Source> environment = chart.environment(
                chart.get(Pod.class, "healthcheck-smoke-test").getSpec().getContainers().get(0));

        assertThat(environment).containsOnlyKeys(ChartSmoke.ENVIRONMENT);
        assertThat(environment).containsAllEntriesOf(expected);
        for (String service : new String[] {"schedule", "reservation"}) {
            URI url = URI.create(((Rendered.Literal) environment.get(service.toUpperCase() + "_URL")).value());
            Service target = chart.serviceSelecting(chart.deploymentOf(service).getSpec().getTemplate().getMetadata().getLabels());
            assertThat(url.getHost()).as(service).isEqualTo(target.getMetadata().getName());
            assertThat(url.getPort()).as(service).isEqualTo(target.getSpec().getPorts().get(0).getPort());
        }
    }
}
