package dev.healthcheck.helm;

import static dev.healthcheck.helm.NetworkPolicies.Port.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthcheck.helm.NetworkPolicies.Port;
import dev.healthcheck.helm.NetworkPolicies.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NetworkPolicies, evaluated on the rendered objects: every pair of workloads (the release's, and
 * the ingress controller, a scraper, the cluster DNS, a neighbour in the namespace, a pod elsewhere) on
 * every port in play, allowed or not. Static: podman does not enforce NetworkPolicies, and neither does
 * every cluster's network plugin.
 */
class NetworkPolicyTest {

    private static final List<String> SERVICES = Rendered.SERVICES;

    private static final Workload INGRESS_CONTROLLER = Workload.in("ingress-nginx", "ingress-controller",
            Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of());
    private static final Workload SCRAPER = Workload.in("monitoring", "prometheus", Map.of("app", "prometheus"), Map.of());
    private static final Workload DNS = Workload.in("kube-system", "kube-dns", Map.of("k8s-app", "kube-dns"), Map.of("dns", 53));
    private static final Workload NEIGHBOUR = Workload.in(Chart.NAMESPACE, "neighbour", Map.of("app", "neighbour"),
            Map.of("http", 9080));
    private static final Workload STRANGER = Workload.in("elsewhere", "stranger", Map.of("app", "stranger"), Map.of());

    private static final List<Port> PORTS = List.of(tcp(9080), tcp(61616), tcp(1527), new Port(53, "UDP"), tcp(53));

    /** With TLS on the ports are named https instead of http: the same flows, on the same numbers. */
    @ParameterizedTest(name = "tls {0}")
    @ValueSource(booleans = {false, true})
    void eachWorkloadTalksToExactlyTheWorkloadsItNeedsAndNothingElse(boolean tls) {
        Rendered chart = Chart.render(tls ? List.of("tls.yaml") : List.of(), Map.of());

        Set<String> expected = new TreeSet<>();
        for (String service : SERVICES) {
            expected.add(flow("ingress-controller", service, tcp(9080)));
            expected.add(flow("prometheus", service, tcp(9080)));
            expected.add(flow(service, "artemis", tcp(61616)));
            expected.add(flow(service, "derby", tcp(1527)));
        }
        expected.add(flow("reservation", "schedule", tcp(9080)));
        // the reconciliation asks reservation for booking states
        expected.add(flow("schedule", "reservation", tcp(9080)));
        expected.add(flow("delivery", "reservation", tcp(9080)));
        expected.add(flow("smoke-test", "schedule", tcp(9080)));
        expected.add(flow("smoke-test", "reservation", tcp(9080)));
        for (String pod : List.of("schedule", "reservation", "delivery", "mypage", "artemis", "derby", "smoke-test")) {
            expected.add(flow(pod, "kube-dns", new Port(53, "UDP")));
            expected.add(flow(pod, "kube-dns", tcp(53)));
        }

        assertThat(allowedFlows(chart, List.of())).containsExactlyElementsOf(expected);
    }

    @Test
    void theBrokersOfAPairReachEachOtherAndTheServicesReachBoth() {
        Rendered single = Chart.render();
        Rendered pair = Chart.render(List.of(), Map.of("artemis.ha.enabled", true));

        Set<String> expected = new TreeSet<>(allowedFlows(single, List.of()));
        expected.add(flow("artemis", "artemis", tcp(61616)));
        assertThat(allowedFlows(pair, List.of())).containsExactlyElementsOf(expected);
        assertThat(workloads(pair)).filteredOn(pod -> pod.name().equals("artemis")).hasSize(2);
    }

    @Test
    void everyPodOfTheReleaseIsDeniedByDefaultInBothDirections() {
        Rendered chart = Chart.render();

        List<NetworkPolicy> denyAll = chart.all(NetworkPolicy.class).stream()
                .filter(p -> p.getSpec().getIngress().isEmpty() && p.getSpec().getEgress().isEmpty())
                .toList();
        assertThat(denyAll).singleElement().satisfies(policy ->
                assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress"));
        // it selects every pod the chart creates, and none of its neighbours
        workloads(chart).forEach(pod -> assertThat(NetworkPolicies.matches(denyAll.get(0).getSpec().getPodSelector(),
                pod.labels())).as(pod.name()).isTrue());
        assertThat(NetworkPolicies.matches(denyAll.get(0).getSpec().getPodSelector(), NEIGHBOUR.labels())).isFalse();
        // every pod is selected in both directions by a policy of its own component
        workloads(chart).forEach(pod -> assertThat(chart.all(NetworkPolicy.class)).as(pod.name()).anySatisfy(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/component", pod.name());
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        }));
    }

    @Test
    void withAnExternalBrokerAndDatabaseTheServicesReachTheirPortsAndTheReleaseRunsNoPolicyForThem() {
        Rendered chart = Chart.render(List.of("external-broker.yaml"), Map.of("database.external.host", "derby.databases.svc",
                "database.external.port", 1528));
        Workload broker = Workload.in("messaging", "broker", Map.of("app", "artemis"), Map.of());
        Workload database = Workload.in("databases", "derby", Map.of("app", "derby"), Map.of());
        NetworkPolicies policies = new NetworkPolicies(chart.all(NetworkPolicy.class), Chart.NAMESPACE);

        assertThat(chart.all(NetworkPolicy.class)).noneMatch(p -> p.getMetadata().getName().equals("healthcheck-artemis")
                || p.getMetadata().getName().equals("healthcheck-derby"));
        for (Workload pod : workloads(chart)) {
            boolean service = SERVICES.contains(pod.name());
            assertThat(policies.allows(pod, broker, tcp(61617))).as("%s to the broker", pod.name()).isEqualTo(service);
            assertThat(policies.allows(pod, database, tcp(1528))).as("%s to the database", pod.name()).isEqualTo(service);
            assertThat(policies.allows(pod, broker, tcp(61616))).as("%s to another port", pod.name()).isFalse();
            assertThat(policies.allows(pod, database, tcp(1527))).as("%s to another port", pod.name()).isFalse();
        }
    }

    @Test
    void onPostgreSqlTheServicesReachItsPortOnlyAndTheReleaseRunsNoDerby() {
        Workload postgres = Workload.in("databases", "postgres", Map.of("cluster-name", "checkups"), Map.of());
        Rendered anywhere = Chart.render("postgresql.yaml");
        Rendered named = Chart.render(List.of("postgresql.yaml"), Map.of(
                "database.postgresql.networkPolicyPeer.namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "databases",
                "database.postgresql.networkPolicyPeer.podSelector.matchLabels.cluster-name", "checkups"));

        for (Rendered chart : List.of(anywhere, named)) {
            NetworkPolicies policies = new NetworkPolicies(chart.all(NetworkPolicy.class), Chart.NAMESPACE);
            assertThat(chart.all(NetworkPolicy.class)).noneMatch(p -> p.getMetadata().getName().equals("healthcheck-derby"));
            for (Workload pod : workloads(chart)) {
                boolean service = SERVICES.contains(pod.name());
                assertThat(policies.allows(pod, postgres, tcp(5432))).as("%s to PostgreSQL", pod.name()).isEqualTo(service);
                assertThat(policies.allows(pod, postgres, tcp(1527))).as("%s to Derby's port", pod.name()).isFalse();
            }
        }
        // with its peer named, no other pod on that port
        NetworkPolicies policies = new NetworkPolicies(named.all(NetworkPolicy.class), Chart.NAMESPACE);
        assertThat(workloads(named)).noneMatch(pod -> policies.allows(pod, STRANGER, tcp(5432)));
        NetworkPolicies open = new NetworkPolicies(anywhere.all(NetworkPolicy.class), Chart.NAMESPACE);
        assertThat(open.allows(workloads(anywhere).stream().filter(w -> w.name().equals("mypage")).findFirst().orElseThrow(),
                STRANGER, tcp(5432))).as("no peer: the port on any address").isTrue();
    }

    @Test
    void withoutAMonitoringPeerNobodyFromOutsideScrapesAndTheOtherFlowsStay() {
        Rendered withScraper = Chart.render();
        Rendered without = Chart.render(List.of(), Map.of("networkPolicy.monitoring", "null"));

        Set<String> lost = new TreeSet<>(allowedFlows(withScraper, List.of()));
        lost.removeAll(allowedFlows(without, List.of()));
        assertThat(lost).containsExactlyInAnyOrderElementsOf(SERVICES.stream().map(s -> flow("prometheus", s, tcp(9080))).toList());
    }

    @Test
    void theOperatorsSelectorsNameTheIngressControllerAndTheScraper() {
        Rendered chart = Chart.render(List.of(), Map.of(
                "networkPolicy.ingressController.namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "traefik",
                "networkPolicy.ingressController.podSelector.matchLabels.app\\.kubernetes\\.io/name", "traefik"));
        Workload traefik = Workload.in("traefik", "traefik", Map.of("app.kubernetes.io/name", "traefik"), Map.of());
        NetworkPolicies policies = new NetworkPolicies(chart.all(NetworkPolicy.class), Chart.NAMESPACE);

        for (Workload pod : workloads(chart)) {
            boolean service = SERVICES.contains(pod.name());
            assertThat(policies.allows(traefik, pod, tcp(9080))).as(pod.name()).isEqualTo(service);
            assertThat(policies.allows(INGRESS_CONTROLLER, pod, tcp(9080))).as(pod.name()).isFalse();
        }
    }

    @Test
    void withTracingOnTheServicesReachTheCollectorsPortAndNothingElseDoes() {
        Rendered chart = Chart.render("tracing.yaml");
        Workload collector = Workload.in("observability", "otel-collector", Map.of("app", "otel-collector"), Map.of());
        NetworkPolicies policies = new NetworkPolicies(chart.all(NetworkPolicy.class), Chart.NAMESPACE);

        for (Workload pod : workloads(chart)) {
            boolean service = SERVICES.contains(pod.name());
            assertThat(policies.allows(pod, collector, tcp(4318))).as("%s to the collector", pod.name()).isEqualTo(service);
            assertThat(policies.allows(pod, collector, tcp(4317))).as("%s to another port", pod.name()).isFalse();
        }
        // without an endpoint, no pod of the release reaches that port
        NetworkPolicies off = new NetworkPolicies(Chart.render().all(NetworkPolicy.class), Chart.NAMESPACE);
        assertThat(workloads(chart)).noneMatch(pod -> off.allows(pod, collector, tcp(4318)));
    }

    @Test
    void networkPoliciesCanBeLeftOut() {
        assertThat(Chart.render(List.of(), Map.of("networkPolicy.enabled", false)).all(NetworkPolicy.class)).isEmpty();
    }

    /** Every allowed flow between the release's pods, the outsiders and the extra workloads, on the ports in play. */
    private static Set<String> allowedFlows(Rendered chart, List<Workload> extra) {
        NetworkPolicies policies = new NetworkPolicies(chart.all(NetworkPolicy.class), Chart.NAMESPACE);
        List<Workload> release = workloads(chart);
        List<Workload> all = new ArrayList<>(release);
        all.addAll(List.of(INGRESS_CONTROLLER, SCRAPER, DNS, NEIGHBOUR, STRANGER));
        all.addAll(extra);
        Set<String> allowed = new TreeSet<>();
        for (Workload from : all) {
            for (Workload to : all) {
                if (!release.contains(from) && !release.contains(to)) {
                    continue; // traffic between outsiders is not the chart's business
                }
                for (Port port : PORTS) {
                    if (policies.allows(from, to, port)) {
                        allowed.add(flow(from.name(), to.name(), port));
                    }
                }
            }
        }
        return allowed;
    }

    private static String flow(String from, String to, Port port) {
        return from + " -> " + to + ":" + port;
    }

    /** The release's pods, named after their component, with their labels and named ports. */
    private static List<Workload> workloads(Rendered chart) {
        List<Workload> workloads = new ArrayList<>();
        Map<String, PodSpec> specs = chart.allPodSpecs();
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        chart.all(io.fabric8.kubernetes.api.model.apps.Deployment.class).forEach(d ->
                labels.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate().getMetadata().getLabels()));
        chart.all(io.fabric8.kubernetes.api.model.apps.StatefulSet.class).forEach(s ->
                labels.put("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate().getMetadata().getLabels()));
        chart.all(io.fabric8.kubernetes.api.model.Pod.class).forEach(p ->
                labels.put("Pod/" + p.getMetadata().getName(), p.getMetadata().getLabels()));
        specs.forEach((name, spec) -> {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (Container container : spec.getContainers()) {
                for (ContainerPort port : container.getPorts()) {
                    if (port.getName() != null) {
                        ports.put(port.getName(), port.getContainerPort());
                    }
                }
            }
            Map<String, String> podLabels = labels.get(name);
            workloads.add(Workload.in(Chart.NAMESPACE, podLabels.get("app.kubernetes.io/component"), podLabels, ports));
        });
        return workloads;
    }
}
