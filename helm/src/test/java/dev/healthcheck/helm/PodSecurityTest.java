package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HostPathVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every pod the chart renders (Deployments, StatefulSets, the helm test Pod) is admitted by a namespace
 * enforcing Pod Security "restricted", runs as a numeric non-root user on a read-only root file system,
 * and can write where its process must. Static: nothing here (podman included) enforces any of it.
 */
class PodSecurityTest {

    private static Rendered render(String valueSet) {
        return valueSet.equals("defaults") ? Chart.render() : Chart.render(valueSet);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaults", "local-images.yaml", "scheduling.yaml", "three-replicas.yaml",
            "external-broker.yaml", "existing-secret.yaml", "hpa-off.yaml", "ingress.yaml"})
    void everyRenderedPodMeetsPodSecurityRestricted(String valueSet) {
        Map<String, PodSpec> pods = render(valueSet).allPodSpecs();

        assertThat(pods.keySet()).as("pods rendered").anyMatch(p -> p.startsWith("Deployment/"))
                .anyMatch(p -> p.startsWith("StatefulSet/")).anyMatch(p -> p.startsWith("Pod/"));
        pods.forEach((name, pod) -> {
            assertThat(PodSecurityRestricted.violations(pod)).as(name).isEmpty();
            assertThat(pod.getAutomountServiceAccountToken()).as("service-account token of %s", name).isFalse();
            assertThat(pod.getSecurityContext().getRunAsUser()).as("user of %s", name).isEqualTo(1001L);
            assertThat(pod.getSecurityContext().getRunAsGroup()).as("group of %s", name).isZero();
            assertThat(pod.getSecurityContext().getFsGroup()).as("fsGroup of %s", name).isZero();
        });
    }

    @Test
    void theCheckRefusesWhatTheUpstreamBrokerPodHad() {
        // the chart's broker pod before: runAsNonRoot without a user, no seccomp profile, writable root
        PodSpec before = Chart.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: broker}
                spec:
                  securityContext: {runAsNonRoot: true, fsGroup: 1001}
                  containers:
                    - name: artemis
                      image: apache/activemq-artemis:2.40.0
                      securityContext:
                        allowPrivilegeEscalation: false
                        capabilities: {drop: [ALL]}
                """).stream().map(Pod.class::cast).findFirst().orElseThrow().getSpec();

        assertThat(PodSecurityRestricted.violations(before)).containsExactlyInAnyOrder(
                "container artemis: no numeric runAsUser (a named image user cannot be verified as non-root)",
                "container artemis: seccompProfile is not RuntimeDefault or Localhost",
                "container artemis: root file system is not read-only");
    }

    @Test
    void theCheckRefusesHostNamespacesAndHostPaths() {
        PodSpec pod = Chart.render().allPodSpecs().get("Deployment/healthcheck-schedule");
        pod.setHostNetwork(true);
        pod.setHostPID(true);
        pod.setHostIPC(true);
        pod.getVolumes().add(new VolumeBuilder().withName("node")
                .withHostPath(new HostPathVolumeSourceBuilder().withPath("/var/run").build()).build());

        assertThat(PodSecurityRestricted.violations(pod))
                .containsExactlyInAnyOrder("hostNetwork", "hostPID", "hostIPC", "volume node of type hostPath");
    }

    @Test
    void anOverriddenContainerContextReachesEveryPodAndTheCheckSeesIt() {
        Rendered chart = Chart.render(List.of(), Map.of("containerSecurityContext.allowPrivilegeEscalation", true,
                "podSecurityContext.seccompProfile", "null"));

        chart.allPodSpecs().forEach((name, pod) -> assertThat(PodSecurityRestricted.violations(pod)).as(name)
                .contains("container " + pod.getContainers().get(0).getName() + ": allowPrivilegeEscalation is not false")
                .anyMatch(v -> v.endsWith("seccompProfile is not RuntimeDefault or Localhost")));
    }

    @Test
    void onOpenShiftTheUserCanBeLeftToTheNamespace() {
        // OpenShift's restricted SCC assigns a UID from the namespace's range: the chart must not insist on 1001
        Rendered chart = Chart.render(List.of(), Map.of("podSecurityContext.runAsUser", "null",
                "podSecurityContext.runAsGroup", "null", "podSecurityContext.fsGroup", "null"));

        chart.allPodSpecs().forEach((name, pod) -> {
            assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isNull();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
        });
    }

    @Test
    void eachProcessCanWriteWhereItMustWithARootFileSystemThatIsReadOnly() {
        Rendered chart = Chart.render();

        for (String service : Rendered.SERVICES) {
            Deployment deployment = chart.deploymentOf(service);
            assertThat(scratchPaths(deployment.getSpec().getTemplate().getSpec()))
                    .as(service).containsExactlyInAnyOrder("/opt/liberty/output", "/tmp");
        }
        assertThat(scratchPaths(chart.get(StatefulSet.class, "healthcheck-artemis").getSpec().getTemplate().getSpec()))
                .containsExactly("/tmp");
        assertThat(scratchPaths(chart.get(StatefulSet.class, "healthcheck-derby").getSpec().getTemplate().getSpec()))
                .containsExactly("/tmp");
        assertThat(scratchPaths(chart.allPodSpecs().get("Pod/healthcheck-smoke-test"))).containsExactly("/tmp");
    }

    /** Where the pod's one container mounts an emptyDir. */
    private static List<String> scratchPaths(PodSpec pod) {
        var emptyDirs = pod.getVolumes().stream().filter(v -> v.getEmptyDir() != null).map(v -> v.getName()).toList();
        return pod.getContainers().stream()
                .flatMap(c -> c.getVolumeMounts().stream())
                .filter(m -> emptyDirs.contains(m.getName()))
                .map(VolumeMount::getMountPath)
                .toList();
    }
}
