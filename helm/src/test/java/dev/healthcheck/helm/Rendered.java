package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One rendering of the chart, parsed into the fabric8 model, with the look-ups the tests share. */
public final class Rendered {

    static final List<String> SERVICES = List.of("schedule", "reservation", "delivery", "mypage");

    public final String manifests;
    public final List<HasMetadata> resources;

    Rendered(String manifests) {
        this.manifests = manifests;
        this.resources = Chart.parse(manifests);
    }

    public <T extends HasMetadata> List<T> all(Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(
                "no " + kind.getSimpleName() + " " + name + " in " + names()));
    }

    List<String> names() {
        return resources.stream().map(r -> r.getKind() + "/" + r.getMetadata().getName()).toList();
    }

    /** The Deployment of one of the four services, found by its component label (not by its name). */
    Deployment deploymentOf(String service) {
        List<Deployment> matching = all(Deployment.class).stream()
                .filter(d -> service.equals(d.getSpec().getTemplate().getMetadata().getLabels()
                        .get("app.kubernetes.io/component")))
                .toList();
        assertThat(matching).as("Deployments of %s", service).hasSize(1);
        return matching.get(0);
    }

    static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as("containers of %s", deployment.getMetadata().getName()).hasSize(1);
        return containers.get(0);
    }

    /** Where a variable of a container's environment comes from. */
    sealed interface Source permits FromConfigMap, FromSecret, FromPod, Literal {
    }

    record FromConfigMap(String configMap, String key, String value) implements Source {
    }

    record FromSecret(String secret, String key) implements Source {
    }

    /** The downward API: a field of the pod itself. */
    record FromPod(String fieldPath) implements Source {
    }

    record Literal(String value) implements Source {
    }

    /**
     * The environment a container starts with, as Kubernetes builds it: envFrom first (ConfigMap keys
     * looked up in this rendering), then env entries, which win over envFrom.
     */
    Map<String, Source> environment(Container container) {
        Map<String, Source> environment = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            assertThat(from.getSecretRef()).as("envFrom secretRef (keys cannot be checked)").isNull();
            assertThat(from.getPrefix()).isNull();
            ConfigMap configMap = get(ConfigMap.class, from.getConfigMapRef().getName());
            configMap.getData().forEach((key, value) ->
                    environment.put(key, new FromConfigMap(configMap.getMetadata().getName(), key, value)));
        }
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValueFrom() == null) {
                environment.put(variable.getName(), new Literal(variable.getValue()));
            } else if (variable.getValueFrom().getSecretKeyRef() != null) {
                var ref = variable.getValueFrom().getSecretKeyRef();
                environment.put(variable.getName(), new FromSecret(ref.getName(), ref.getKey()));
            } else if (variable.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = variable.getValueFrom().getConfigMapKeyRef();
                String value = get(ConfigMap.class, ref.getName()).getData().get(ref.getKey());
                assertThat(value).as("key %s of ConfigMap %s", ref.getKey(), ref.getName()).isNotNull();
                environment.put(variable.getName(), new FromConfigMap(ref.getName(), ref.getKey(), value));
            } else if (variable.getValueFrom().getFieldRef() != null) {
                environment.put(variable.getName(), new FromPod(variable.getValueFrom().getFieldRef().getFieldPath()));
            } else {
                throw new AssertionError("unexpected source of " + variable.getName() + ": " + variable.getValueFrom());
            }
        }
        return environment;
    }

    /** The value of a variable that must come from a ConfigMap. */
    String config(Deployment deployment, String variable) {
        Source source = environment(container(deployment)).get(variable);
        assertThat(source).as("%s of %s", variable, deployment.getMetadata().getName()).isInstanceOf(FromConfigMap.class);
        return ((FromConfigMap) source).value();
    }

    /** A port of a container, by number or by name, as probes and Services refer to it. */
    static int containerPort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()))
                .getContainerPort();
    }

    /**
     * The Service clients reach these pods through: the one whose selector picks exactly them and that
     * has a cluster IP (a StatefulSet's headless governing Service only names its pods).
     */
    Service serviceSelecting(Map<String, String> podLabels) {
        List<Service> selecting = all(Service.class).stream()
                .filter(s -> !isHeadless(s))
                .filter(s -> s.getSpec().getSelector() != null
                        && podLabels.entrySet().containsAll(s.getSpec().getSelector().entrySet()))
                .toList();
        assertThat(selecting).as("Services selecting %s", podLabels).hasSize(1);
        return selecting.get(0);
    }

    static boolean isHeadless(Service service) {
        return "None".equals(service.getSpec().getClusterIP());
    }

    /** Every pod the chart can create, by name: each Deployment's and StatefulSet's template, and the test hook Pods. */
    Map<String, PodSpec> allPodSpecs() {
        Map<String, PodSpec> pods = new LinkedHashMap<>();
        all(Deployment.class).forEach(d -> pods.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate().getSpec()));
        all(StatefulSet.class).forEach(s -> pods.put("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate().getSpec()));
        all(Pod.class).forEach(p -> pods.put("Pod/" + p.getMetadata().getName(), p.getSpec()));
        return pods;
    }

    List<Map<String, String>> allPodLabels() {
        var deployments = all(Deployment.class).stream().map(d -> d.getSpec().getTemplate().getMetadata().getLabels());
        var statefulSets = all(StatefulSet.class).stream().map(s -> s.getSpec().getTemplate().getMetadata().getLabels());
        return java.util.stream.Stream.concat(deployments, statefulSets).toList();
    }

    List<Secret> secrets() {
        return all(Secret.class);
    }
}
