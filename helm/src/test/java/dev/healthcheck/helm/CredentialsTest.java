package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
        assertThat(credentials).containsOnlyKeys(ServerEnvironment.SECRET);
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
        for (String key : ServerEnvironment.SECRET) {
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
        Set<String> referenced = new HashSet<>();
        Stream.concat(chart.all(Deployment.class).stream().map(d -> d.getSpec().getTemplate().getSpec()),
                        chart.all(StatefulSet.class).stream().map(s -> s.getSpec().getTemplate().getSpec()))
                .map(PodSpec::getContainers)
                .flatMap(java.util.List::stream)
                .flatMap(c -> c.getEnv().stream())
                .map(EnvVar::getValueFrom)
                .filter(from -> from != null && from.getSecretKeyRef() != null)
                .forEach(from -> referenced.add(from.getSecretKeyRef().getName()));
        assertThat(referenced).containsExactly("checkups-credentials");
        assertThat(chart.all(StatefulSet.class)).as("broker and database read it too").hasSize(2);
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
