package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Artemis broker: the release's own, on a persistent volume, or an external one. */
class MessagingTest {

    @Test
    void theReleasesBrokerKeepsItsJournalOnAVolumeAndServesEveryService() {
        Rendered chart = Chart.render();

        StatefulSet broker = chart.get(StatefulSet.class, "healthcheck-artemis");
        Container container = broker.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("apache/activemq-artemis:2.40.0");
        assertThat(chart.environment(container))
                .containsEntry("ARTEMIS_USER", new Rendered.FromSecret("healthcheck-credentials", "ARTEMIS_USER"))
                .containsEntry("ARTEMIS_PASSWORD", new Rendered.FromSecret("healthcheck-credentials", "ARTEMIS_PASSWORD"));
        assertThat(broker.getSpec().getVolumeClaimTemplates()).singleElement()
                .satisfies(claim -> assertThat(claim.getMetadata().getName()).isEqualTo("data"));
        assertThat(container.getVolumeMounts())
                .anySatisfy(m -> assertThat(m).extracting("name", "mountPath").containsExactly("data", "/var/lib/artemis-instance"));

        Service service = chart.serviceSelecting(broker.getSpec().getTemplate().getMetadata().getLabels());
        for (String name : Rendered.SERVICES) {
            Deployment deployment = chart.deploymentOf(name);
            assertThat(chart.config(deployment, "ARTEMIS_HOST")).isEqualTo(service.getMetadata().getName());
            assertThat(chart.config(deployment, "ARTEMIS_PORT")).isEqualTo("61616");
        }
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(61616);
            assertThat(Rendered.containerPort(container, port.getTargetPort())).isEqualTo(61616);
        });
    }

    @Test
    void theBrokerGetsTheSagasDeliveryRules() {
        Rendered chart = Chart.render();
        StatefulSet broker = chart.get(StatefulSet.class, "healthcheck-artemis");

        String brokerXml = chart.get(ConfigMap.class, "healthcheck-artemis").getData().get("broker.xml");
        assertThat(brokerXml)
                .contains("tcp://0.0.0.0:61616")
                .contains("<dead-letter-address>DLA</dead-letter-address>")
                .contains("<max-delivery-attempts>20</max-delivery-attempts>")
                // one copy of each dead letter, in DLA: no auto-created DLQ.<address> queue beside it
                .doesNotContain("auto-create-dead-letter-resources")
                .contains("<persist-id-cache>true</persist-id-cache>");
        // the image copies etc-override over the instance's configuration at start
        assertThat(broker.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo("healthcheck-artemis"));
        assertThat(broker.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/var/lib/artemis-instance/etc-override"));
    }

    @Test
    void withAnExternalBrokerTheReleaseRunsNone() {
        Rendered chart = Chart.render("external-broker.yaml");

        assertThat(chart.all(StatefulSet.class)).extracting(s -> s.getMetadata().getName())
                .containsExactly("healthcheck-derby");
        assertThat(chart.find(Service.class, "healthcheck-artemis")).isEmpty();
        assertThat(chart.find(ConfigMap.class, "healthcheck-artemis")).isEmpty();
        for (String name : Rendered.SERVICES) {
            Deployment deployment = chart.deploymentOf(name);
            assertThat(chart.config(deployment, "ARTEMIS_HOST")).isEqualTo("broker.messaging.svc.cluster.local");
            assertThat(chart.config(deployment, "ARTEMIS_PORT")).isEqualTo("61617");
        }
    }

    @Test
    void noBrokerAtAllIsRefused() {
        assertThatThrownBy(() -> Chart.render(List.of(), Map.of("artemis.enabled", false)))
                .hasMessageContaining("artemis.external.host");
    }
}
