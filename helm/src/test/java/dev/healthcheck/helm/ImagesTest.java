package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No image has a default repository: the operator names them all, optionally under global.imageRegistry. */
class ImagesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"services.schedule.image", "services.reservation.image", "services.delivery.image",
            "services.mypage.image", "artemis.image", "derby.network.image"})
    void anInstallWithoutAnImageRepositoryIsRefusedNamingIt(String image) {
        assertThatThrownBy(() -> Chart.render(List.of(), Map.of(image + ".repository", "")))
                .hasMessageContaining(image + ".repository is not set")
                .hasMessageContaining("Build the images");
    }

    @Test
    void theChartAloneNamesNoImage() {
        assertThatThrownBy(() -> Chart.renderExactly(Chart.DIRECTORY, List.of(), Map.of()))
                .hasMessageContaining("image.repository is not set");
    }

    @Test
    void globalImageRegistryPrefixesEveryImage() {
        Rendered chart = Chart.render("local-images.yaml");

        assertThat(images(chart)).containsOnly(
                "localhost/healthcheck/schedule:1.0.0-SNAPSHOT", "localhost/healthcheck/reservation:1.0.0-SNAPSHOT",
                "localhost/healthcheck/delivery:1.0.0-SNAPSHOT", "localhost/healthcheck/mypage:1.0.0-SNAPSHOT",
                "localhost/healthcheck/broker:1.0.0-SNAPSHOT", "localhost/healthcheck/derby-network:1.0.0-SNAPSHOT");
        assertThat(chart.allPodSpecs().values().stream().flatMap(pod -> pod.getContainers().stream()))
                .as("the local images are never pulled").allSatisfy(c -> assertThat(c.getImagePullPolicy()).isEqualTo("Never"));
    }

    @Test
    void aRegistryWrittenWithATrailingSlashGivesOneSlash() {
        Rendered chart = Chart.render("scheduling.yaml");

        assertThat(images(chart)).contains("registry.example.org/healthcheck/schedule:1.0.0-SNAPSHOT",
                "registry.example.org/healthcheck/broker:1.0.0-SNAPSHOT");
        chart.allPodSpecs().forEach((name, pod) -> assertThat(pod.getImagePullSecrets()).as(name)
                .singleElement().satisfies(secret -> assertThat(secret.getName()).isEqualTo("registry-example-org")));
    }

    @Test
    void withoutAGlobalRegistryTheRepositoryIsTheImageAndAnEmptyTagIsTheAppVersion() {
        Rendered chart = Chart.render(List.of(), Map.of("services.mypage.image.tag", "2.0.1"));

        assertThat(images(chart)).containsOnly(
                "registry.example.org/healthcheck/schedule:1.0.0-SNAPSHOT",
                "registry.example.org/healthcheck/reservation:1.0.0-SNAPSHOT",
                "registry.example.org/healthcheck/delivery:1.0.0-SNAPSHOT",
                "registry.example.org/healthcheck/mypage:2.0.1",
                "registry.example.org/healthcheck/broker:1.0.0-SNAPSHOT",
                "registry.example.org/healthcheck/derby-network:1.0.0-SNAPSHOT");
    }

    private static List<String> images(Rendered chart) {
        return chart.allPodSpecs().values().stream()
                .map(PodSpec::getContainers)
                .flatMap(List::stream)
                .map(Container::getImage)
                .distinct()
                .toList();
    }

    @Test
    void aGlobalSectionForOtherChartsIsAccepted() {
        // Helm hands `global` to every chart of an umbrella release: keys of other charts must pass the schema
        Rendered chart = Chart.render(List.of(), Map.of("global.storageClass", "fast"));

        assertThat(Rendered.container(chart.deploymentOf("schedule")).getImage())
                .isEqualTo("registry.example.org/healthcheck/schedule:1.0.0-SNAPSHOT");
    }
}
