package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * tls.enabled: nothing in clear between the pods. Each service's API port answers HTTPS only (probes,
 * Services, the URLs the services and the helm test call, the Ingress's backends follow), the broker's
 * acceptor and the Derby network server speak TLS, and each pod mounts only the stores it reads. Off by
 * default, and then nothing of it is rendered.
 */
class TlsTest {

    private static final String DIRECTORY = "/etc/healthcheck/tls";
    private static final Rendered.FromSecret PASSWORD = new Rendered.FromSecret("healthcheck-tls-password", "password");

    private static Rendered withTls(String... more) {
        List<String> values = new java.util.ArrayList<>(List.of("tls.yaml"));
        values.addAll(List.of(more));
        return Chart.render(values, Map.of());
    }

    @Test
    void offByDefaultEveryPortSpeaksPlainHttpAndNoPodMountsAStore() {
        Rendered chart = Chart.render();

        for (String service : Rendered.SERVICES) {
            Deployment deployment = chart.deploymentOf(service);
            Container container = Rendered.container(deployment);
            assertThat(container.getPorts()).singleElement().satisfies(port -> assertThat(port.getName()).isEqualTo("http"));
            probes(container).forEach(probe -> {
                assertThat(probe.getHttpGet().getScheme()).as("%s probe scheme", service).isEqualTo("HTTP");
                assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
            });
            assertThat(chart.environment(container)).doesNotContainKeys("TLS_MODE", "TLS_DIRECTORY", "TLS_PASSWORD");
        }
        assertThat(chart.config(chart.deploymentOf("reservation"), "SCHEDULE_URL")).isEqualTo("http://healthcheck-schedule:9080");
        assertThat(chart.config(chart.deploymentOf("schedule"), "RESERVATION_URL")).isEqualTo("http://healthcheck-reservation:9080");
        chart.allPodSpecs().forEach((pod, spec) ->
                assertThat(spec.getVolumes()).as(pod).noneMatch(volume -> volume.getSecret() != null));
        assertThat(brokerXml(chart)).contains("<acceptor name=\"core\">tcp://0.0.0.0:61616?protocols=CORE</acceptor>")
                .doesNotContain("sslEnabled");
        assertThat(chart.get(StatefulSet.class, "healthcheck-derby").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getEnv()).noneMatch(env -> env.getName().equals("JAVA_OPTS") || env.getName().equals("TLS_PASSWORD"));
    }

    @Test
    void withTlsEveryServiceAnswersHttpsOnlyOnItsPortAndItsProbesAndServiceFollow() {
        Rendered chart = withTls();

        for (String service : Rendered.SERVICES) {
            Deployment deployment = chart.deploymentOf(service);
            Container container = Rendered.container(deployment);
            assertThat(container.getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getName()).isEqualTo("https");
                assertThat(port.getContainerPort()).isEqualTo(9080);
            });
            assertThat(probes(container)).as("%s probes", service).hasSize(3).allSatisfy(probe -> {
                assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTPS");
                assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("https");
            });
            Service owner = chart.serviceSelecting(deployment.getSpec().getTemplate().getMetadata().getLabels());
            assertThat(owner.getSpec().getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getName()).isEqualTo("https");
                assertThat(port.getPort()).isEqualTo(9080);
                assertThat(port.getTargetPort().getStrVal()).isEqualTo("https");
            });

            var environment = chart.environment(container);
            assertThat(chart.config(deployment, "TLS_MODE")).as("liberty-config's tls-on.xml").isEqualTo("on");
            assertThat(chart.config(deployment, "TLS_DIRECTORY")).isEqualTo(DIRECTORY);
            assertThat(environment.get("TLS_PASSWORD")).isEqualTo(PASSWORD);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(storesMounted(pod, container)).as("%s: the key for its port, the CA for its calls", service)
                    .containsExactly("keystore.p12", "truststore.p12");
        }
        assertThat(chart.config(chart.deploymentOf("reservation"), "SCHEDULE_URL")).isEqualTo("https://healthcheck-schedule:9080");
        for (String reconciling : ServerEnvironment.RECONCILING_SERVICES) {
            assertThat(chart.config(chart.deploymentOf(reconciling), "RESERVATION_URL"))
                    .isEqualTo("https://healthcheck-reservation:9080");
        }
    }

    @Test
    void theModeTheChartSetsNamesTheServersTlsConfiguration() {
        // TLS_MODE=on makes every server include shared/tls-on.xml: it must read the stores the chart mounts
        String tlsOn = Chart.read(Path.of("../liberty-config/src/main/liberty/shared/tls-on.xml"));
        String platform = Chart.read(Path.of("../liberty-config/src/main/liberty/shared/platform.xml"));

        assertThat(platform).contains("<include location=\"${server.config.dir}/shared/tls-${tls.mode}.xml\"/>");
        assertThat(tlsOn).contains("<feature>transportSecurity-1.0</feature>",
                "defaultValue=\"" + DIRECTORY + "\"", "${tls.directory}/keystore.p12", "${tls.directory}/truststore.p12",
                "password=\"${tls.password}\"", "httpPort=\"-1\" httpsPort=\"${http.port}\"", "sslEnabled=true",
                "<variable name=\"db.ssl\" value=\"peerAuthentication\"/>");
        assertThat(Chart.read(Path.of("../liberty-config/src/main/liberty/shared/tls-off.xml")))
                .contains("<variable name=\"db.ssl\" value=\"off\"/>");
    }

    @Test
    void withTlsTheBrokerAcceptsTlsOnlyWithTheKeystoreItMounts() {
        Rendered chart = withTls();
        StatefulSet broker = chart.get(StatefulSet.class, "healthcheck-artemis");
        PodSpec pod = broker.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        assertThat(brokerXml(chart)).contains("<acceptor name=\"core\">tcp://0.0.0.0:61616?protocols=CORE;sslEnabled=true;"
                + "keyStoreType=PKCS12;keyStorePath=" + DIRECTORY + "/keystore.p12;keyStorePassword=${TLS_PASSWORD}</acceptor>");
        assertThat(brokerXml(chart)).as("one acceptor, none in clear").containsOnlyOnce("<acceptor ");
        assertThat(chart.environment(container).get("TLS_PASSWORD")).isEqualTo(PASSWORD);
        assertThat(storesMounted(pod, container)).containsExactly("keystore.p12");
        assertThat(broker.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config"))
                .as("turning TLS on restarts the broker with the new acceptor")
                .isNotEqualTo(Chart.render().get(StatefulSet.class, "healthcheck-artemis")
                        .getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config"));
    }

    @Test
    void withTlsTheDerbyNetworkServerSpeaksSslWithTheKeystoreItMounts() {
        Rendered chart = withTls();
        PodSpec pod = chart.get(StatefulSet.class, "healthcheck-derby").getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        var environment = chart.environment(container);

        assertThat(environment.get("TLS_PASSWORD")).isEqualTo(PASSWORD);
        assertThat(environment.get("JAVA_OPTS")).isEqualTo(new Rendered.Literal("-Dderby.drda.sslMode=basic"
                + " -Djavax.net.ssl.keyStore=" + DIRECTORY + "/keystore.p12 -Djavax.net.ssl.keyStoreType=PKCS12"
                + " -Djavax.net.ssl.keyStorePassword=$(TLS_PASSWORD)"));
        assertThat(container.getEnv()).extracting(env -> env.getName())
                .as("$(TLS_PASSWORD) expands only to a variable defined before it").containsSubsequence("TLS_PASSWORD", "JAVA_OPTS");
        assertThat(storesMounted(pod, container)).containsExactly("keystore.p12");
    }

    @Test
    void withTlsTheHelmTestCallsHttpsTrustingOnlyTheCa() {
        Pod smoke = withTls().all(Pod.class).get(0);
        Container container = smoke.getSpec().getContainers().get(0);

        assertThat(container.getCommand()).containsExactly("java",
                "-Djavax.net.ssl.trustStore=" + DIRECTORY + "/truststore.p12", "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=$(TLS_PASSWORD)", "-jar", "/opt/healthcheck/chart-smoke.jar");
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("SCHEDULE_URL");
            assertThat(env.getValue()).isEqualTo("https://healthcheck-schedule:9080");
        }).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("RESERVATION_URL");
            assertThat(env.getValue()).isEqualTo("https://healthcheck-reservation:9080");
        }).anySatisfy(env -> assertThat(env.getName()).isEqualTo("TLS_PASSWORD"));
        assertThat(storesMounted(smoke.getSpec(), container)).containsExactly("truststore.p12");
    }

    @Test
    void withTlsTheIngressSpeaksHttpsToThePods() {
        Ingress ingress = withTls("ingress.yaml").all(Ingress.class).get(0);

        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS")
                .as("the operator's annotations stay").containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "64k");
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths())
                .allSatisfy(path -> assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("https"));
        assertThat(Chart.render("ingress.yaml").all(Ingress.class).get(0).getMetadata().getAnnotations())
                .doesNotContainKey("nginx.ingress.kubernetes.io/backend-protocol");
    }

    @Test
    void tlsWithoutItsSecretsRefusesToRender() {
        assertThatThrownBy(() -> Chart.render(List.of("tls.yaml"), Map.of("tls.secretName", "")))
                .hasMessageContaining("tls.secretName is not set");
        assertThatThrownBy(() -> Chart.render(List.of("tls.yaml"), Map.of("tls.passwordSecret.name", "")))
                .hasMessageContaining("tls.passwordSecret.name is not set");
    }

    private static List<Probe> probes(Container container) {
        return List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe());
    }

    /** The keys of the TLS Secret a container sees, read-only at the directory the servers read. */
    private static List<String> storesMounted(PodSpec pod, Container container) {
        List<Volume> secrets = pod.getVolumes().stream().filter(v -> v.getSecret() != null).toList();
        assertThat(secrets).singleElement().satisfies(volume -> assertThat(volume.getSecret().getSecretName()).isEqualTo("healthcheck-tls"));
        Volume tls = secrets.get(0);
        assertThat(container.getVolumeMounts()).filteredOn(mount -> mount.getName().equals(tls.getName()))
                .singleElement().satisfies(mount -> {
                    assertThat(mount.getMountPath()).isEqualTo(DIRECTORY);
                    assertThat(mount.getReadOnly()).isTrue();
                });
        return tls.getSecret().getItems().stream().map(KeyToPath::getKey).toList();
    }

    private static String brokerXml(Rendered chart) {
        return chart.get(ConfigMap.class, "healthcheck-artemis").getData().get("broker.xml");
    }
}
