package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What makes pods come and go cleanly: a drain before SIGTERM within the grace period, a roll when the
 * credentials change, stable names for the StatefulSets' pods, and the operator's scheduling values.
 */
class RolloutTest {

    @AfterEach
    void forgetInstalledSecrets() {
        FakeKubernetesApi.start().clear();
    }

    @Test
    void aStoppingServicePodDrainsBeforeSigtermWithinItsGracePeriod() {
        Rendered chart = Chart.render();

        for (String service : Rendered.SERVICES) {
            var pod = chart.deploymentOf(service).getSpec().getTemplate().getSpec();
            var preStop = Rendered.container(chart.deploymentOf(service)).getLifecycle().getPreStop();
            // an exec of sleep needs no shell and no HTTP client in the image
            assertThat(preStop.getExec().getCommand()).as(service).containsExactly("sleep", "10");
            assertThat(pod.getTerminationGracePeriodSeconds()).as(service).isEqualTo(60L)
                    .isGreaterThan(Long.parseLong(preStop.getExec().getCommand().get(1)));
        }
    }

    @Test
    void aGracePeriodThatDoesNotCoverThePreStopIsRefused() {
        assertThatThrownBy(() -> Chart.render(List.of(), Map.of("shutdown.preStopSleepSeconds", 30,
                "shutdown.terminationGracePeriodSeconds", 30)))
                .hasMessageContaining("shutdown.terminationGracePeriodSeconds (30) must be above shutdown.preStopSleepSeconds (30)");
    }

    @Test
    void aChangedCredentialRollsExactlyThePodsThatReadIt() {
        Map<String, String> installed = installedSecret("first");
        FakeKubernetesApi.start().putSecret(Chart.NAMESPACE, "healthcheck-credentials", installed);
        Map<String, String> before = secretChecksums(Chart.render());
        Map<String, String> again = secretChecksums(Chart.render());
        assertThat(again).as("an upgrade with the same credentials rolls nothing").isEqualTo(before);

        installed.put("DB_PASSWORD_MYPAGE", b64("rotated"));
        FakeKubernetesApi.start().putSecret(Chart.NAMESPACE, "healthcheck-credentials", installed);
        Map<String, String> database = secretChecksums(Chart.render());
        assertThat(rolled(before, database)).containsExactlyInAnyOrder("Deployment/healthcheck-mypage",
                "StatefulSet/healthcheck-derby");

        installed.put("ARTEMIS_PASSWORD_DELIVERY", b64("rotated"));
        FakeKubernetesApi.start().putSecret(Chart.NAMESPACE, "healthcheck-credentials", installed);
        assertThat(rolled(database, secretChecksums(Chart.render())))
                .containsExactlyInAnyOrder("Deployment/healthcheck-delivery", "StatefulSet/healthcheck-artemis");
    }

    @Test
    void aChangedPerServiceSecretRollsThePodsThatReadItAtTheNextUpgrade() {
        FakeKubernetesApi api = FakeKubernetesApi.start();
        Map<String, String> mypage = new LinkedHashMap<>();
        Credentials.ofService("mypage", true).forEach(key -> mypage.put(key, b64("first-" + key)));
        api.putSecret(Chart.NAMESPACE, "checkups-mypage", mypage);
        Map<String, String> before = secretChecksums(Chart.render("per-service-secrets.yaml"));

        mypage.put("ARTEMIS_PASSWORD", b64("rotated"));
        api.putSecret(Chart.NAMESPACE, "checkups-mypage", mypage);
        Map<String, String> after = secretChecksums(Chart.render("per-service-secrets.yaml"));

        // the broker reads mypage's broker password from mypage's Secret
        assertThat(rolled(before, after))
                .containsExactlyInAnyOrder("Deployment/healthcheck-mypage", "StatefulSet/healthcheck-artemis");
    }

    private static java.util.List<String> rolled(Map<String, String> before, Map<String, String> after) {
        assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
        return after.keySet().stream().filter(pod -> !after.get(pod).equals(before.get(pod))).toList();
    }

    @Test
    void aChangedExistingSecretRollsThePodsAtTheNextUpgrade() {
        FakeKubernetesApi api = FakeKubernetesApi.start();
        api.putSecret(Chart.NAMESPACE, "checkups-credentials", installedSecret("first"));
        Map<String, String> before = secretChecksums(Chart.render("existing-secret.yaml"));

        api.putSecret(Chart.NAMESPACE, "checkups-credentials", installedSecret("second"));
        Map<String, String> after = secretChecksums(Chart.render("existing-secret.yaml"));

        after.forEach((pod, checksum) -> assertThat(checksum).as(pod).isNotEqualTo(before.get(pod)));
    }

    @Test
    void aBumpedPodAnnotationRollsThePodsWhenTheChartCannotReadTheSecret() {
        // helm template, or a Secret the installing user may not read: the documented bump still rolls them
        Rendered before = Chart.render("existing-secret.yaml");
        Rendered after = Chart.render(List.of("existing-secret.yaml"), Map.of("podAnnotations.credentials-rotated", "2026-11-29"));

        assertThat(secretChecksums(after)).isEqualTo(secretChecksums(before));
        podTemplates(after).forEach((pod, template) -> assertThat(template.getMetadata().getAnnotations())
                .as(pod).containsEntry("credentials-rotated", "2026-11-29"));
        podTemplates(before).forEach((pod, template) -> assertThat(template.getMetadata().getAnnotations())
                .as(pod).doesNotContainKey("credentials-rotated"));
    }

    @Test
    void eachStatefulSetIsGovernedByAHeadlessServiceOfItsOwnPods() {
        Rendered chart = Chart.render();

        assertThat(chart.all(StatefulSet.class)).hasSize(2).allSatisfy(statefulSet -> {
            Service governing = chart.get(Service.class, statefulSet.getSpec().getServiceName());
            assertThat(Rendered.isHeadless(governing)).as(governing.getMetadata().getName()).isTrue();
            assertThat(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(governing.getSpec().getSelector());
            Container container = statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(governing.getSpec().getPorts()).singleElement().satisfies(port -> assertThat(
                    Rendered.containerPort(container, port.getTargetPort())).isEqualTo(port.getPort()));
            // clients keep the cluster-IP Service: its name is what the services are configured with
            assertThat(chart.serviceSelecting(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                    .getMetadata().getName()).isEqualTo(statefulSet.getMetadata().getName());
        });
    }

    @Test
    void theOperatorsSchedulingValuesReachEveryPodAndSpreadEachWorkloadOnItsOwn() {
        Rendered chart = Chart.render("scheduling.yaml");

        chart.allPodSpecs().forEach((name, pod) -> {
            assertThat(pod.getNodeSelector()).as(name).containsEntry("node.example.org/pool", "checkups");
            assertThat(pod.getTolerations()).as(name).singleElement()
                    .satisfies(t -> assertThat(t.getValue()).isEqualTo("checkups"));
            assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                    .getNodeSelectorTerms()).as(name).hasSize(1);
        });
        podTemplates(chart).forEach((name, template) -> {
            assertThat(template.getMetadata().getAnnotations()).as(name).containsEntry("example.org/team", "checkups");
            assertThat(template.getSpec().getTopologySpreadConstraints()).as(name).singleElement().satisfies(spread -> {
                assertThat(spread.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
                assertThat(template.getMetadata().getLabels())
                        .containsAllEntriesOf(spread.getLabelSelector().getMatchLabels())
                        .containsEntry("app.kubernetes.io/component", spread.getLabelSelector().getMatchLabels()
                                .get("app.kubernetes.io/component"));
            });
        });
    }

    @Test
    void extraEnvironmentReachesTheFourServicesAfterTheChartsOwn() {
        Rendered chart = Chart.render("scheduling.yaml");

        for (String service : Rendered.SERVICES) {
            Map<String, Rendered.Source> environment = chart.environment(Rendered.container(chart.deploymentOf(service)));
            assertThat(environment).as(service)
                    .containsEntry("JAVA_TOOL_OPTIONS", new Rendered.Literal("-XX:MaxRAMPercentage=70"))
                    .containsEntry("NODE_NAME", new Rendered.FromPod("spec.nodeName"))
                    .containsKeys(Credentials.USERS.toArray(String[]::new));
        }
    }

    private static Map<String, String> installedSecret(String generation) {
        Map<String, String> data = new LinkedHashMap<>();
        for (String key : Credentials.SINGLE_SECRET_KEYS) {
            data.put(key, b64(generation + "-" + key.toLowerCase()));
        }
        return data;
    }

    private static Map<String, PodTemplateSpec> podTemplates(Rendered chart) {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        Stream.concat(chart.all(Deployment.class).stream().map(d -> Map.entry("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate())),
                        chart.all(StatefulSet.class).stream().map(s -> Map.entry("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate())))
                .forEach(entry -> templates.put(entry.getKey(), entry.getValue()));
        return templates;
    }

    private static Map<String, String> secretChecksums(Rendered chart) {
        Map<String, String> checksums = new LinkedHashMap<>();
        podTemplates(chart).forEach((name, template) -> {
            String checksum = template.getMetadata().getAnnotations().get("checksum/secret");
            assertThat(checksum).as(name).matches("[0-9a-f]{64}");
            checksums.put(name, checksum);
        });
        return checksums;
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
