package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.utils.XMLUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Artemis broker: the release's own, on a persistent volume, or an external one. */
class MessagingTest {

    @Test
    void theReleasesBrokerKeepsItsJournalOnAVolumeAndServesEveryService() {
        Rendered chart = Chart.render();

        StatefulSet broker = chart.get(StatefulSet.class, "healthcheck-artemis");
        Container container = broker.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example.org/healthcheck/broker:1.0.0-SNAPSHOT");
        // every login the broker accepts: the operator's and one per service, named after it
        assertThat(chart.environment(container))
                .containsEntry("ARTEMIS_SERVICE_USERS", new Rendered.Literal("delivery mypage reservation schedule"))
                .containsAllEntriesOf(Credentials.expected("artemis", Credentials.Layout.GENERATED, true));
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
                .contains("<max-delivery-attempts>${REDELIVERY_MAX_ATTEMPTS:50}</max-delivery-attempts>")
                // one copy of each dead letter, in DLA: no auto-created DLQ.<address> queue beside it
                .doesNotContain("auto-create-dead-letter-resources")
                .contains("<persist-id-cache>true</persist-id-cache>");
        // the image copies /opt/artemis-config over the instance's etc/ at every start
        var volumes = broker.getSpec().getTemplate().getSpec().getVolumes();
        var config = volumes.stream().filter(v -> v.getConfigMap() != null).toList();
        assertThat(config).singleElement()
                .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo("healthcheck-artemis"));
        assertThat(broker.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anySatisfy(m -> assertThat(m).extracting("name", "mountPath", "readOnly")
                        .containsExactly(config.get(0).getName(), "/opt/artemis-config", true));
    }

    @Test
    void theReleasesBrokerRetriesLikeTheLocalOne() throws IOException {
        Path local = Path.of(System.getProperty("healthcheck.root", "..")).resolve("system-tests/src/main/artemis/broker.xml");

        assertThat(sagaDeliveryRules(Files.readString(Chart.DIRECTORY.resolve("files/broker.xml"))))
                .as("address-setting healthcheck.# of the chart's broker.xml and of the local one")
                .isEqualTo(sagaDeliveryRules(Files.readString(local)))
                .contains("<redelivery-delay>", "<max-redelivery-delay>", "<max-delivery-attempts>");
    }

    /** The elements of the saga topics' address-setting, without comments. */
    private static String sagaDeliveryRules(String brokerXml) {
        int from = brokerXml.indexOf("<address-setting match=\"healthcheck.#\">");
        return brokerXml.substring(from, brokerXml.indexOf("</address-setting>", from)).replaceAll("\\s+", " ");
    }

    @Test
    void aChangedBrokerXmlRestartsTheBrokerAndNothingElse(@TempDir Path copy) throws IOException {
        Chart.copyChart(Chart.DIRECTORY, copy);
        Rendered unchanged = Chart.renderExactly(copy, List.of(Chart.IMAGES), Map.of());
        Path brokerXml = copy.resolve("files/broker.xml");
        Files.writeString(brokerXml, Files.readString(brokerXml)
                .replace("<max-delivery-attempts>${REDELIVERY_MAX_ATTEMPTS:50}<", "<max-delivery-attempts>55<"));

        Rendered changed = Chart.renderExactly(copy, List.of(Chart.IMAGES), Map.of());

        assertThat(changed.get(ConfigMap.class, "healthcheck-artemis").getData().get("broker.xml"))
                .contains("<max-delivery-attempts>55<");
        assertThat(podAnnotation(changed, "healthcheck-artemis", "checksum/config"))
                .isNotEqualTo(podAnnotation(unchanged, "healthcheck-artemis", "checksum/config"));
        // the same file hashes the same: an upgrade without a change does not restart the broker
        assertThat(podAnnotation(Chart.renderExactly(copy, List.of(Chart.IMAGES), Map.of()), "healthcheck-artemis",
                "checksum/config")).isEqualTo(podAnnotation(changed, "healthcheck-artemis", "checksum/config"));
        assertThat(podAnnotation(changed, "healthcheck-derby", "checksum/secret"))
                .as("derby does not read broker.xml").isNotNull();
        assertThat(changed.get(StatefulSet.class, "healthcheck-derby").getSpec().getTemplate().getMetadata()
                .getAnnotations()).doesNotContainKey("checksum/config");
    }

    @Test
    void theBrokerHeapFollowsTheValuesAtEveryStart() {
        Container container = Chart.render(List.of(), Map.of("artemis.javaMemory", "768M"))
                .get(StatefulSet.class, "healthcheck-artemis").getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(container.getEnv()).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("JAVA_ARGS_APPEND");
            assertThat(variable.getValue()).isEqualTo("-Xms768M -Xmx768M");
        });
    }

    @Test
    void theRedeliveryDefaultsRideOutAboutFortyFourMinutes() throws Exception {
        String rules = sagaDeliveryRules(brokerXmlAsTheBrokerReadsIt(Chart.render()));

        assertThat(rules).contains("<max-delivery-attempts>50<", "<redelivery-delay>1000<",
                "<redelivery-delay-multiplier>2<", "<max-redelivery-delay>60000<");
        // what docs/kubernetes.md and the README promise: the last attempt about 44 minutes after the first
        assertThat(lastAttemptAfterFirst(rules)).isBetween(Duration.ofMinutes(44), Duration.ofMinutes(45));
    }

    /** The pauses between the attempts an address-setting allows, added up as Artemis spaces them. */
    private static Duration lastAttemptAfterFirst(String rules) {
        double delay = number(rules, "redelivery-delay");
        double multiplier = number(rules, "redelivery-delay-multiplier");
        double longest = number(rules, "max-redelivery-delay");
        double total = 0;
        for (int attempt = 1; attempt < number(rules, "max-delivery-attempts"); attempt++) {
            total += Math.min(delay, longest);
            delay *= multiplier;
        }
        return Duration.ofMillis((long) total);
    }

    private static double number(String rules, String element) {
        var value = java.util.regex.Pattern.compile("<" + element + ">([0-9.]+)<").matcher(rules);
        assertThat(value.find()).as(element).isTrue();
        return Double.parseDouble(value.group(1));
    }

    @Test
    void changedRedeliveryValuesReachTheBrokersConfiguration() throws Exception {
        Rendered chart = Chart.render(List.of(), Map.of("artemis.redelivery.delayMs", 5000,
                "artemis.redelivery.delayMultiplier", 3, "artemis.redelivery.maxDelayMs", 300000,
                "artemis.redelivery.maxAttempts", 200));

        assertThat(sagaDeliveryRules(brokerXmlAsTheBrokerReadsIt(chart))).contains("<max-delivery-attempts>200<",
                "<redelivery-delay>5000<", "<redelivery-delay-multiplier>3<", "<max-redelivery-delay>300000<");
    }

    @Test
    void tooFewDeliveryAttemptsForACrashedListenersSessionsAreRefused() {
        assertThatThrownBy(() -> Chart.render(List.of(), Map.of("artemis.redelivery.maxAttempts", 10)))
                .hasMessageContaining("maxAttempts");
    }

    /**
     * The chart's broker.xml with its placeholders filled in by Artemis's own substitution from the broker
     * container's environment, as the broker does at start (a system property wins over the environment
     * there, so the test sets them as such for the call).
     */
    private static String brokerXmlAsTheBrokerReadsIt(Rendered chart) {
        StatefulSet broker = chart.get(StatefulSet.class, "healthcheck-artemis");
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        chart.environment(broker.getSpec().getTemplate().getSpec().getContainers().get(0)).forEach((name, source) -> {
            if (source instanceof Rendered.Literal literal) {
                environment.put(name, literal.value());
            }
        });
        String brokerXml = chart.get(ConfigMap.class, "healthcheck-artemis").getData().get("broker.xml");
        environment.forEach(System::setProperty);
        try {
            return XMLUtil.replaceSystemPropsInString(brokerXml);
        } finally {
            environment.keySet().forEach(System::clearProperty);
        }
    }

    private static String podAnnotation(Rendered chart, String statefulSet, String key) {
        return chart.get(StatefulSet.class, statefulSet).getSpec().getTemplate().getMetadata().getAnnotations().get(key);
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
