package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One host for the REST resources of all four services, each path to the service that owns it. */
class IngressTest {

    private static final Map<String, String> OWNERS = Map.of(
            "/schedules", "schedule", "/reservations", "reservation", "/deliveries", "delivery", "/myPages", "mypage");

    @Test
    void noIngressUnlessAskedFor() {
        assertThat(Chart.render().all(Ingress.class)).isEmpty();
    }

    @Test
    void ingressRoutesEveryResourcePathToTheServiceThatOwnsIt() {
        Rendered chart = Chart.render("ingress.yaml");

        Ingress ingress = chart.all(Ingress.class).get(0);
        assertThat(chart.all(Ingress.class)).hasSize(1);
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "64k");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly("checkups.example.org");
            assertThat(tls.getSecretName()).isEqualTo("checkups-example-org-tls");
        });
        IngressRule rule = ingress.getSpec().getRules().get(0);
        assertThat(ingress.getSpec().getRules()).hasSize(1);
        assertThat(rule.getHost()).isEqualTo("checkups.example.org");
        assertThat(rule.getHttp().getPaths()).extracting(HTTPIngressPath::getPath)
                .containsExactlyInAnyOrderElementsOf(OWNERS.keySet());

        for (HTTPIngressPath path : rule.getHttp().getPaths()) {
            assertThat(path.getPathType()).isEqualTo(path.getPath().equals("/schedules") ? "Exact" : "Prefix");
            var backend = path.getBackend().getService();
            Service owner = chart.serviceSelecting(chart.deploymentOf(OWNERS.get(path.getPath()))
                    .getSpec().getTemplate().getMetadata().getLabels());
            assertThat(backend.getName()).as("backend of %s", path.getPath()).isEqualTo(owner.getMetadata().getName());
            assertThat(owner.getSpec().getPorts())
                    .anySatisfy(port -> assertThat(port.getName()).isEqualTo(backend.getPort().getName()));
        }
    }

    @Test
    void anIngressWithoutTlsIsRefusedUnlessPlainHttpIsAskedFor() {
        Map<String, Object> noTls = Map.of("ingress.tls.secretName", "");

        assertThatThrownBy(() -> Chart.render(List.of("ingress.yaml"), noTls))
                .hasMessageContaining("ingress.tls.secretName is not set");
        Map<String, Object> plain = new java.util.HashMap<>(noTls);
        plain.put("ingress.allowPlainHttp", true);
        Ingress ingress = Chart.render(List.of("ingress.yaml"), plain).all(Ingress.class).get(0);
        assertThat(ingress.getSpec().getTls()).isNullOrEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"portable paths", "with a controller's regular expression"})
    void noRouteReachesTheSeatHoldsAndEveryPublicResourceIsRouted(String variant) {
        boolean regex = variant.startsWith("with");
        Rendered chart = regex
                ? Chart.render(List.of("ingress.yaml"), Map.of("ingress.scheduleByIdPath", "/schedules/[0-9]+$"))
                : Chart.render("ingress.yaml");
        List<HTTPIngressPath> paths = chart.all(Ingress.class).get(0).getSpec().getRules().get(0).getHttp().getPaths();

        // schedule's seat holds (SeatHoldResource), which only reservation calls inside the cluster
        for (String seatHold : List.of("/schedules/1/seatHolds/2", "/schedules/1/seatHolds", "/schedules/1/seatHolds/2/",
                "/Schedules/1/seatHolds/2")) {
            assertThat(routeOf(paths, seatHold)).as(seatHold).isEmpty();
        }
        // the public resources of docs/contract.md, each to its owner
        Map<String, String> publicResources = new java.util.LinkedHashMap<>(Map.of("/schedules", "schedule",
                "/reservations", "reservation", "/reservations/7", "reservation", "/deliveries", "delivery",
                "/deliveries/7", "delivery", "/myPages", "mypage", "/myPages/7", "mypage"));
        publicResources.forEach((path, owner) ->
                assertThat(routeOf(paths, path)).as(path).hasValue("healthcheck-" + owner));
        assertThat(routeOf(paths, "/schedules/1")).as("a schedule by id").isEqualTo(
                regex ? Optional.of("healthcheck-schedule") : Optional.empty());
    }

    @Test
    void aRegularExpressionThatReachesTheSeatHoldsIsRefused() {
        for (String tooWide : List.of("/schedules/.*", "/schedules/[0-9]+", "/schedules/[^/]+(/.*)?$")) {
            assertThatThrownBy(() -> Chart.render(List.of("ingress.yaml"), Map.of("ingress.scheduleByIdPath", tooWide)))
                    .as(tooWide).hasMessageContaining("never the seat holds");
        }
    }

    /**
     * The backend a request path reaches, as the Ingress API defines matching: Exact is the whole path,
     * Prefix whole path elements, the longest match wins; ImplementationSpecific as ingress-nginx takes a
     * regular expression (case-insensitive, anchored at the start only).
     */
    private static Optional<String> routeOf(List<HTTPIngressPath> paths, String request) {
        return paths.stream()
                .filter(path -> switch (path.getPathType()) {
                    case "Exact" -> request.equals(path.getPath());
                    case "Prefix" -> request.equals(path.getPath()) || request.startsWith(path.getPath().replaceAll("/$", "") + "/");
                    case "ImplementationSpecific" -> Pattern.compile("^(" + path.getPath() + ")", Pattern.CASE_INSENSITIVE)
                            .matcher(request).find();
                    default -> throw new AssertionError(path.getPathType());
                })
                .max(Comparator.comparingInt((HTTPIngressPath path) -> path.getPathType().equals("Exact") ? Integer.MAX_VALUE
                        : path.getPath().length()))
                .map(path -> path.getBackend().getService().getName());
    }
}
