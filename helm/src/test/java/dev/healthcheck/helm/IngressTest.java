package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
            assertThat(path.getPathType()).isEqualTo("Prefix");
            var backend = path.getBackend().getService();
            Service owner = chart.serviceSelecting(chart.deploymentOf(OWNERS.get(path.getPath()))
                    .getSpec().getTemplate().getMetadata().getLabels());
            assertThat(backend.getName()).as("backend of %s", path.getPath()).isEqualTo(owner.getMetadata().getName());
            assertThat(owner.getSpec().getPorts())
                    .anySatisfy(port -> assertThat(port.getName()).isEqualTo(backend.getPort().getName()));
        }
    }
}
