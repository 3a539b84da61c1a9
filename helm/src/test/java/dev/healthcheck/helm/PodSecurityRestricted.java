package dev.healthcheck.helm;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The Pod Security Standard "restricted" (kubernetes.io/docs/concepts/security/pod-security-standards),
 * checked statically on a pod spec as the admission controller would, plus two rules of this chart: the
 * user is a number set in the manifest (the kubelet cannot verify a named image user is not root) and
 * every root file system is read-only. Container settings override the pod's, as in Kubernetes.
 */
final class PodSecurityRestricted {

    /** The volume types "restricted" allows; anything else (hostPath above all) is refused. */
    private static final Set<String> ALLOWED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    /** The sysctls "baseline" (and so "restricted") allows. */
    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");

    private PodSecurityRestricted() {
    }

    /** Every rule the pod breaks, one line each, naming the container; empty when the pod is admitted. */
    static List<String> violations(PodSpec pod) {
        List<String> violations = new ArrayList<>();
        PodSecurityContext podContext = pod.getSecurityContext() == null ? new PodSecurityContext() : pod.getSecurityContext();
        if (Boolean.TRUE.equals(pod.getHostNetwork())) {
            violations.add("hostNetwork");
        }
        if (Boolean.TRUE.equals(pod.getHostPID())) {
            violations.add("hostPID");
        }
        if (Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add("hostIPC");
        }
        for (Volume volume : pod.getVolumes()) {
            String type = volumeType(volume);
            if (!ALLOWED_VOLUMES.contains(type)) {
                violations.add("volume " + volume.getName() + " of type " + type);
            }
        }
        if (podContext.getSysctls() != null) {
            podContext.getSysctls().stream().filter(s -> !SAFE_SYSCTLS.contains(s.getName()))
                    .forEach(s -> violations.add("unsafe sysctl " + s.getName()));
        }
        if (podContext.getSeLinuxOptions() != null && podContext.getSeLinuxOptions().getUser() != null) {
            violations.add("pod seLinuxOptions.user");
        }
        if (podContext.getRunAsUser() != null && podContext.getRunAsUser() == 0) {
            violations.add("pod runAsUser 0");
        }
        List<Container> containers = Stream.of(pod.getInitContainers(), pod.getContainers())
                .flatMap(List::stream).toList();
        if (containers.isEmpty()) {
            violations.add("no containers");
        }
        for (Container container : containers) {
            violations.addAll(violations(container, podContext));
        }
        if (pod.getEphemeralContainers() != null && !pod.getEphemeralContainers().isEmpty()) {
            violations.add("ephemeral containers in a manifest");
        }
        return violations;
    }

    private static List<String> violations(Container container, PodSecurityContext pod) {
        String name = "container " + container.getName() + ": ";
        SecurityContext own = container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
        List<String> violations = new ArrayList<>();

        if (Boolean.TRUE.equals(own.getPrivileged())) {
            violations.add(name + "privileged");
        }
        if (!Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
            violations.add(name + "allowPrivilegeEscalation is not false");
        }
        Capabilities capabilities = own.getCapabilities();
        if (capabilities == null || capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")) {
            violations.add(name + "capabilities do not drop ALL");
        }
        if (capabilities != null && capabilities.getAdd() != null) {
            capabilities.getAdd().stream().filter(c -> !c.equals("NET_BIND_SERVICE"))
                    .forEach(c -> violations.add(name + "adds capability " + c));
        }
        if (!Boolean.TRUE.equals(effective(own, pod, SecurityContext::getRunAsNonRoot, PodSecurityContext::getRunAsNonRoot))) {
            violations.add(name + "runAsNonRoot is not true");
        }
        Long user = effective(own, pod, SecurityContext::getRunAsUser, PodSecurityContext::getRunAsUser);
        if (user == null) {
            violations.add(name + "no numeric runAsUser (a named image user cannot be verified as non-root)");
        } else if (user == 0) {
            violations.add(name + "runAsUser 0");
        }
        SeccompProfile seccomp = effective(own, pod, SecurityContext::getSeccompProfile, PodSecurityContext::getSeccompProfile);
        if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
            violations.add(name + "seccompProfile is not RuntimeDefault or Localhost");
        }
        if (own.getProcMount() != null && !own.getProcMount().equals("Default")) {
            violations.add(name + "procMount " + own.getProcMount());
        }
        if (own.getSeLinuxOptions() != null && own.getSeLinuxOptions().getUser() != null) {
            violations.add(name + "seLinuxOptions.user");
        }
        if (container.getPorts() != null) {
            container.getPorts().stream().filter(p -> p.getHostPort() != null && p.getHostPort() != 0)
                    .forEach(p -> violations.add(name + "hostPort " + p.getHostPort()));
        }
        if (!Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
            violations.add(name + "root file system is not read-only");
        }
        return violations;
    }

    private static <T> T effective(SecurityContext container, PodSecurityContext pod,
                                   Function<SecurityContext, T> ofContainer, Function<PodSecurityContext, T> ofPod) {
        T own = ofContainer.apply(container);
        return own != null ? own : ofPod.apply(pod);
    }

    private static String volumeType(Volume volume) {
        // the one field besides the name that is set is the volume's type (the model leaves the others out)
        Map<?, ?> fields = Chart.YAML.convertValue(volume, Map.class);
        return fields.keySet().stream()
                .map(Object::toString)
                .filter(key -> !key.equals("name"))
                .findFirst()
                .orElse("none");
    }
}
