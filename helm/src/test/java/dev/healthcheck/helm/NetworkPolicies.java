package dev.healthcheck.helm;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a set of NetworkPolicies allows, evaluated as the Kubernetes API defines it: a pod selected by no
 * policy of a direction is open in that direction; a selected pod admits only what some rule of a
 * selecting policy allows (peer and port); a connection needs the sender's egress and the receiver's
 * ingress. Peers by pod and namespace selectors (ipBlock is refused: the chart uses none).
 */
final class NetworkPolicies {

    /** A pod somewhere in the cluster: its namespace (with its labels), its labels and its named container ports. */
    record Workload(String name, String namespace, Map<String, String> namespaceLabels, Map<String, String> labels,
                    Map<String, Integer> namedPorts) {

        static Workload in(String namespace, String name, Map<String, String> labels, Map<String, Integer> namedPorts) {
            return new Workload(name, namespace, Map.of("kubernetes.io/metadata.name", namespace), labels, namedPorts);
        }
    }

    record Port(int number, String protocol) {

        static Port tcp(int number) {
            return new Port(number, "TCP");
        }

        @Override
        public String toString() {
            return number + "/" + protocol;
        }
    }

    private final List<NetworkPolicy> policies;
    private final String namespace;

    NetworkPolicies(List<NetworkPolicy> policies, String namespace) {
        this.policies = policies;
        this.namespace = namespace;
    }

    boolean allows(Workload from, Workload to, Port port) {
        return egressAllows(from, to, port) && ingressAllows(from, to, port);
    }

    private boolean egressAllows(Workload from, Workload to, Port port) {
        List<NetworkPolicy> selecting = selecting(from, "Egress");
        return selecting.isEmpty() || selecting.stream()
                .flatMap(policy -> Optional.ofNullable(policy.getSpec().getEgress()).orElse(List.of()).stream())
                .anyMatch(rule -> peersMatch(rule.getTo(), to) && portsMatch(rule.getPorts(), to, port));
    }

    private boolean ingressAllows(Workload from, Workload to, Port port) {
        List<NetworkPolicy> selecting = selecting(to, "Ingress");
        return selecting.isEmpty() || selecting.stream()
                .flatMap(policy -> Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of()).stream())
                .anyMatch(rule -> peersMatch(rule.getFrom(), from) && portsMatch(rule.getPorts(), to, port));
    }

    private List<NetworkPolicy> selecting(Workload pod, String direction) {
        return policies.stream()
                .filter(policy -> pod.namespace().equals(namespace))
                .filter(policy -> types(policy).contains(direction))
                .filter(policy -> matches(policy.getSpec().getPodSelector(), pod.labels()))
                .toList();
    }

    private static List<String> types(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        if (types == null || types.isEmpty()) {
            boolean egress = policy.getSpec().getEgress() != null && !policy.getSpec().getEgress().isEmpty();
            return egress ? List.of("Ingress", "Egress") : List.of("Ingress");
        }
        return types;
    }

    /** An absent or empty list of peers is everyone. */
    private boolean peersMatch(List<NetworkPolicyPeer> peers, Workload pod) {
        return peers == null || peers.isEmpty() || peers.stream().anyMatch(peer -> peerMatches(peer, pod));
    }

    private boolean peerMatches(NetworkPolicyPeer peer, Workload pod) {
        if (peer.getIpBlock() != null) {
            throw new AssertionError("ipBlock peers are not evaluated: " + peer);
        }
        boolean namespaceMatches = peer.getNamespaceSelector() == null
                ? pod.namespace().equals(namespace)
                : matches(peer.getNamespaceSelector(), pod.namespaceLabels());
        return namespaceMatches && (peer.getPodSelector() == null || matches(peer.getPodSelector(), pod.labels()));
    }

    /** An absent or empty list of ports is every port; a named port is the receiving pod's container port of that name. */
    private static boolean portsMatch(List<NetworkPolicyPort> ports, Workload to, Port port) {
        return ports == null || ports.isEmpty() || ports.stream().anyMatch(allowed -> {
            String protocol = Optional.ofNullable(allowed.getProtocol()).orElse("TCP");
            if (!protocol.equals(port.protocol())) {
                return false;
            }
            IntOrString number = allowed.getPort();
            if (number == null) {
                return true;
            }
            if (number.getStrVal() != null) {
                return Integer.valueOf(port.number()).equals(to.namedPorts().get(number.getStrVal()));
            }
            int end = Optional.ofNullable(allowed.getEndPort()).orElse(number.getIntVal());
            return port.number() >= number.getIntVal() && port.number() <= end;
        });
    }

    /** A label selector: every matchLabels entry and every expression. An empty selector matches everything. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        boolean labelsMatch = Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of()).entrySet().stream()
                .allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
        return labelsMatch && Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of()).stream()
                .allMatch(expression -> matches(expression, labels));
    }

    private static boolean matches(LabelSelectorRequirement expression, Map<String, String> labels) {
        String value = labels.get(expression.getKey());
        return switch (expression.getOperator()) {
            case "In" -> value != null && expression.getValues().contains(value);
            case "NotIn" -> value == null || !expression.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new AssertionError("unknown operator " + expression.getOperator());
        };
    }
}
