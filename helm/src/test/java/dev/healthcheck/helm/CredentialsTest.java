package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Credentials come from a Secret: generated at random and kept, or the operator's own. Never from the chart. */
class CredentialsTest {

    @AfterEach
    void forgetInstalledSecrets() {
        FakeKubernetesApi.start().clear();
    }

    @Test
    void noGeneratedCredentialIsADefaultOfTheChartOrADevelopmentValue() throws IOException {
        Rendered chart = Chart.render();
        Set<String> defaults = new HashSet<>();
        collectScalars(Chart.YAML.readTree(Chart.DIRECTORY.resolve("values.yaml").toFile()), defaults);
        Map<String, String> development = developmentValues();

        Secret secret = chart.get(Secret.class, "healthcheck-credentials");
        Map<String, String> credentials = decode(secret);
        assertThat(credentials).containsOnlyKeys(Credentials.SINGLE_SECRET_KEYS);
        credentials.forEach((key, value) -> {
            assertThat(value).as(key).hasSizeGreaterThanOrEqualTo(10).matches("[A-Za-z0-9]+");
            assertThat(defaults).as("values.yaml defaults").doesNotContain(value);
            assertThat(development.values()).as("dev.env values").doesNotContain(value);
        });
        // nothing anywhere in the rendered chart carries a development credential
        development.forEach((key, value) -> assertThat(chart.manifests).as(key).doesNotContain(value));
    }

    @Test
    void everyInstallDrawsNewCredentials() {
        Map<String, String> first = decode(Chart.render().get(Secret.class, "healthcheck-credentials"));
        Map<String, String> second = decode(Chart.render().get(Secret.class, "healthcheck-credentials"));

        first.forEach((key, value) -> assertThat(second.get(key)).as(key).isNotEqualTo(value));
    }

    @Test
    void anUpgradeKeepsTheCredentialsOfTheInstalledSecret() {
        Map<String, String> installed = new LinkedHashMap<>();
        for (String key : Credentials.SINGLE_SECRET_KEYS) {
            installed.put(key, b64("installed-" + key.toLowerCase()));
        }
        FakeKubernetesApi.start().putSecret(Chart.NAMESPACE, "healthcheck-credentials", installed);

        Secret upgraded = Chart.render().get(Secret.class, "healthcheck-credentials");

        assertThat(upgraded.getData()).isEqualTo(installed);
        assertThat(upgraded.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
    }

    @Test
    void withAnExistingSecretTheChartRendersNoneAndEveryWorkloadReadsThatOne() {
        Rendered chart = Chart.render("existing-secret.yaml");

        assertThat(chart.secrets()).isEmpty();
        assertThat(secretsReadBy(chart).values()).allSatisfy(secrets -> assertThat(secrets).containsExactly("checkups-credentials"));
        assertThat(chart.all(StatefulSet.class)).as("broker and database read it too").hasSize(2);
    }

    @Test
    void withPerServiceSecretsTheChartRendersNoneAndEachPodReadsItsOwnAndTheBrokerAndDatabaseThoseOfTheServices() {
        Rendered chart = Chart.render("per-service-secrets.yaml");

        assertThat(chart.secrets()).isEmpty();
        assertThat(secretsReadBy(chart)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Deployment/healthcheck-schedule", Set.of("checkups-schedule"),
                "Deployment/healthcheck-reservation", Set.of("checkups-reservation"),
                "Deployment/healthcheck-delivery", Set.of("checkups-delivery"),
                "Deployment/healthcheck-mypage", Set.of("checkups-mypage"),
                "StatefulSet/healthcheck-artemis", Set.of("checkups-artemis", "checkups-schedule", "checkups-reservation",
                        "checkups-delivery", "checkups-mypage"),
                "StatefulSet/healthcheck-derby", Set.of("checkups-derby", "checkups-schedule", "checkups-reservation",
                        "checkups-delivery", "checkups-mypage"),
                "Pod/healthcheck-smoke-test", Set.of("checkups-reservation")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaults", "existing-secret.yaml", "per-service-secrets.yaml", "embedded-database"})
    void eachPodReadsOnlyTheCredentialsItsProcessUses(String valueSet) {
        boolean network = !valueSet.equals("embedded-database");
        Rendered chart = switch (valueSet) {
            case "defaults" -> Chart.render();
            case "embedded-database" -> Chart.render(List.of(), Map.of("derby.network.enabled", false,
                    "services.reservation.autoscaling.enabled", false));
            default -> Chart.render(valueSet);
        };
        Credentials.Layout layout = Credentials.Layout.of(valueSet);

        Map<String, String> pods = new LinkedHashMap<>();
        Rendered.SERVICES.forEach(service -> pods.put("Deployment/healthcheck-" + service, service));
        pods.put("StatefulSet/healthcheck-artemis", "artemis");
        if (network) {
            pods.put("StatefulSet/healthcheck-derby", "derby");
        }
        pods.put("Pod/healthcheck-smoke-test", "smoke-test");
        assertThat(chart.allPodSpecs()).containsOnlyKeys(pods.keySet());

        pods.forEach((name, component) -> {
            PodSpec pod = chart.allPodSpecs().get(name);
            Map<String, Rendered.FromSecret> read = new LinkedHashMap<>();
            pod.getContainers().forEach(container -> chart.environment(container).forEach((variable, source) -> {
                if (source instanceof Rendered.FromSecret secret) {
                    read.put(variable, secret);
                }
            }));
            assertThat(read).as("credentials of %s", name)
                    .containsExactlyInAnyOrderEntriesOf(Credentials.expected(component, layout, network));
            // no Secret reaches a pod as files either
            assertThat(pod.getVolumes()).as("volumes of %s", name)
                    .allSatisfy(volume -> assertThat(volume.getSecret()).isNull())
                    .allSatisfy(volume -> assertThat(volume.getProjected()).isNull());
        });
        // reservation's identity, the one that takes seats, only where it is presented (reservation) or verified
        // (schedule); mypage calls nobody and nobody calls it: no identity at all
        chart.allPodSpecs().forEach((name, pod) -> pod.getContainers().forEach(container -> {
            var environment = chart.environment(container).keySet();
            if (name.endsWith("-mypage")) {
                assertThat(environment).as(name).noneMatch(variable -> variable.contains("SERVICE_USER")
                        || variable.contains("SERVICE_PASSWORD"));
            }
            if (!name.endsWith("-schedule") && !name.endsWith("-reservation")) {
                assertThat(environment).as(name).doesNotContain("RESERVATION_SERVICE_PASSWORD");
            }
        }));
        // each service logs in to the database as itself, and the database administrator's login reaches Derby alone
        if (network) {
            Rendered.SERVICES.forEach(service -> assertThat(chart.config(chart.deploymentOf(service), "DB_USER"))
                    .as(service).isEqualTo(service));
        }
        chart.allPodSpecs().forEach((name, pod) -> {
            if (!name.equals("StatefulSet/healthcheck-derby")) {
                pod.getContainers().forEach(container -> assertThat(chart.environment(container)).as(name)
                        .doesNotContainKeys("DB_ADMIN_USER", "DB_ADMIN_PASSWORD"));
            }
        });
        // the broker's operator login reaches the broker alone
        chart.allPodSpecs().forEach((name, pod) -> {
            if (!name.equals("StatefulSet/healthcheck-artemis")) {
                pod.getContainers().forEach(container -> assertThat(chart.environment(container)).as(name)
                        .doesNotContainKeys("ARTEMIS_OPERATOR_USER", "ARTEMIS_OPERATOR_PASSWORD"));
            }
        });
    }

    @Test
    void aMissingPerServiceSecretIsRefused() {
        assertThatThrownBy(() -> Chart.render(List.of("per-service-secrets.yaml"), Map.of("secrets.existingSecrets.delivery", "")))
                .hasMessageContaining("secrets.existingSecrets.delivery is not set");
    }

    @Test
    void oneSecretAndPerServiceSecretsTogetherAreRefused() {
        assertThatThrownBy(() -> Chart.render(List.of("per-service-secrets.yaml"), Map.of("secrets.existingSecret", "all")))
                .hasMessageContaining("not both");
    }

    @Test
    void withAnExternalBrokerAndDatabaseTheirSecretsAreNotNeeded() {
        Rendered chart = Chart.render(List.of("per-service-secrets.yaml", "external-broker.yaml"), Map.of(
                "secrets.existingSecrets.artemis", "", "secrets.existingSecrets.derby", "",
                "database.external.host", "derby.databases.svc"));

        assertThat(chart.all(StatefulSet.class)).isEmpty();
        assertThat(chart.environment(Rendered.container(chart.deploymentOf("delivery"))))
                .containsEntry("DB_PASSWORD", new Rendered.FromSecret("checkups-delivery", "DB_PASSWORD"));
    }

    /** The Secrets each pod's containers read, by pod. */
    private static Map<String, Set<String>> secretsReadBy(Rendered chart) {
        Map<String, Set<String>> read = new LinkedHashMap<>();
        chart.allPodSpecs().forEach((name, pod) -> read.put(name, pod.getContainers().stream()
                .flatMap(c -> c.getEnv().stream())
                .map(EnvVar::getValueFrom)
                .filter(from -> from != null && from.getSecretKeyRef() != null)
                .map(from -> from.getSecretKeyRef().getName())
                .collect(java.util.stream.Collectors.toSet())));
        return read;
    }

    private static Map<String, String> decode(Secret secret) {
        assertThat(secret.getStringData()).as("stringData of %s", secret.getMetadata().getName()).isNullOrEmpty();
        Map<String, String> decoded = new LinkedHashMap<>();
        secret.getData().forEach((key, value) ->
                decoded.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        return decoded;
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static void collectScalars(JsonNode node, Set<String> scalars) {
        if (node.isContainerNode()) {
            node.elements().forEachRemaining(child -> collectScalars(child, scalars));
        } else if (!node.asText().isEmpty()) {
            scalars.add(node.asText());
        }
    }

    /** The local run's development credentials (liberty-config/src/main/liberty/dev.env). */
    private static Map<String, String> developmentValues() {
        Map<String, String> values = new LinkedHashMap<>();
        Chart.read(Path.of("../liberty-config/src/main/liberty/dev.env")).lines()
                .filter(line -> line.contains("=") && !line.startsWith("#"))
                .forEach(line -> values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        assertThat(values).containsKeys("ADMIN_PASSWORD", "ARTEMIS_PASSWORD");
        return values;
    }
}
