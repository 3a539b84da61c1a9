package dev.healthcheck.helm;

import static dev.healthcheck.helm.Rendered.SERVICES;
import static dev.healthcheck.helm.Rendered.container;
import static dev.healthcheck.helm.Rendered.containerPort;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four service Deployments, for the default values and every realistic value set: health probes,
 * rollouts, disruption budgets, Services, and the environment each server reads, wired from the
 * ConfigMap or the Secret.
 */
class WorkloadsTest {

    private static Rendered render(String valueSet) {
        return valueSet.equals("defaults") ? Chart.render() : Chart.render(valueSet);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaults", "hpa-off.yaml", "external-broker.yaml", "ingress.yaml", "three-replicas.yaml",
            "existing-secret.yaml"})
    void everyServiceProbesItsHealthEndpointsOnThePortItListensOn(String valueSet) {
        Rendered chart = render(valueSet);

        for (String service : SERVICES) {
            Deployment deployment = chart.deploymentOf(service);
            Container container = container(deployment);
            int listensOn = Integer.parseInt(chart.config(deployment, "HTTP_PORT"));
            assertThat(container.getPorts()).anySatisfy(port -> {
                assertThat(port.getName()).isEqualTo("http");
                assertThat(port.getContainerPort()).isEqualTo(listensOn).isEqualTo(9080);
            });

            assertProbe(container, container.getStartupProbe(), "/health/started", listensOn);
            assertProbe(container, container.getLivenessProbe(), "/health/live", listensOn);
            assertProbe(container, container.getReadinessProbe(), "/health/ready", listensOn);
        }
    }

    /** A slow node (or the chart-run tests' six pods on 2 cores) needs more than the default 3 minutes to start. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaults", "two-cores.yaml"})
    void everyServiceMayTakeTheAllowedStartUpTimeBeforeItIsRestarted(String valueSet) {
        int allowedSeconds = valueSet.equals("defaults") ? 180 : 360;

        for (String service : SERVICES) {
            Probe startup = container(render(valueSet).deploymentOf(service)).getStartupProbe();
            assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).as("start-up allowed to %s", service)
                    .isEqualTo(allowedSeconds);
        }
    }

    /** A JVM starved of CPU by its neighbours' start answers late; restarting it only adds to their load. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaults", "two-cores.yaml"})
    void everyServiceMayLeaveItsLivenessProbeUnansweredForTheAllowedTimeBeforeItIsRestarted(String valueSet) {
        boolean defaults = valueSet.equals("defaults");

        for (String service : SERVICES) {
            Probe liveness = container(render(valueSet).deploymentOf(service)).getLivenessProbe();
            assertThat(liveness.getPeriodSeconds() * liveness.getFailureThreshold()).as("unanswered allowed to %s", service)
                    .isEqualTo(defaults ? 30 : 120);
            assertThat(liveness.getTimeoutSeconds()).as("each probe's wait, %s", service).isEqualTo(defaults ? 3 : 10);
        }
    }

    @Test
    void aLivenessAllowanceThatIsNoMultipleOfTheProbePeriodIsRoundedUp() {
        Probe liveness = container(Chart.render(List.of(), Map.of("liveness.allowedSeconds", 31)).deploymentOf("mypage"))
                .getLivenessProbe();

        assertThat(liveness.getFailureThreshold()).isEqualTo(4);
    }

    @Test
    void aStartUpAllowanceThatIsNoMultipleOfTheProbePeriodIsRoundedUp() {
        Probe startup = container(Chart.render(List.of(), Map.of("startup.allowedSeconds", 61)).deploymentOf("schedule"))
                .getStartupProbe();

        assertThat(startup.getPeriodSeconds()).isEqualTo(5);
        assertThat(startup.getFailureThreshold()).isEqualTo(13);
    }

    private static void assertProbe(Container container, Probe probe, String path, int port) {
        assertThat(probe).as("%s probe of %s", path, container.getName()).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as("%s probe of %s", path, container.getName()).isNotNull();
        assertThat(get.getPath()).isEqualTo(path);
        assertThat(containerPort(container, get.getPort())).as("port of %s", path).isEqualTo(port);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaults", "hpa-off.yaml", "three-replicas.yaml"})
    void rolloutsNeverLowerCapacityAndPodsDeclareTheirResources(String valueSet) {
        Rendered chart = render(valueSet);

        for (String service : SERVICES) {
            Deployment deployment = chart.deploymentOf(service);
            var strategy = deployment.getSpec().getStrategy();
            assertThat(strategy.getType()).isEqualTo("RollingUpdate");
            assertThat(strategy.getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(0));
            assertThat(strategy.getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString(1));

            var resources = container(deployment).getResources();
            assertThat(resources.getRequests()).as("requests of %s", service).containsKeys("cpu", "memory");
            assertThat(resources.getLimits()).as("limits of %s", service).containsKeys("cpu", "memory");
        }
    }

    @Test
    void eachServiceRunsItsOwnImageFromValues() {
        Rendered chart = Chart.render();

        for (String service : SERVICES) {
            Container container = container(chart.deploymentOf(service));
            assertThat(container.getImage()).isEqualTo("registry.example.org/healthcheck/" + service + ":1.0.0-SNAPSHOT");
            assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaults", "three-replicas.yaml"})
    void everyServiceHasADisruptionBudgetCoveringExactlyItsPods(String valueSet) {
        Rendered chart = render(valueSet);
        List<PodDisruptionBudget> budgets = chart.all(PodDisruptionBudget.class);

        for (String service : SERVICES) {
            Map<String, String> pods = chart.deploymentOf(service).getSpec().getTemplate().getMetadata().getLabels();
            List<PodDisruptionBudget> covering = budgets.stream()
                    .filter(b -> pods.entrySet().containsAll(b.getSpec().getSelector().getMatchLabels().entrySet()))
                    .toList();
            assertThat(covering).as("disruption budgets of %s", service).hasSize(1);
            assertThat(covering.get(0).getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        }
        // and no budget reaches into another workload's pods (the broker, the database)
        for (PodDisruptionBudget budget : budgets) {
            assertThat(chart.allPodLabels().stream()
                    .filter(pods -> pods.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet())))
                    .as("pods of %s", budget.getMetadata().getName()).hasSize(1);
        }
    }

    @Test
    void eachServiceIsReachableThroughAServiceOnItsHttpPort() {
        Rendered chart = Chart.render();

        for (String service : SERVICES) {
            Deployment deployment = chart.deploymentOf(service);
            Service kubeService = chart.serviceSelecting(deployment.getSpec().getTemplate().getMetadata().getLabels());
            assertThat(kubeService.getMetadata().getName()).isEqualTo("healthcheck-" + service);
            assertThat(kubeService.getSpec().getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getPort()).isEqualTo(9080);
                assertThat(containerPort(container(deployment), port.getTargetPort())).isEqualTo(9080);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaults", "hpa-off.yaml", "external-broker.yaml", "ingress.yaml", "three-replicas.yaml",
            "existing-secret.yaml", "per-service-secrets.yaml"})
    void everyVariableTheServersReadComesFromTheConfigMapOrTheSecret(String valueSet) {
        Rendered chart = render(valueSet);
        Credentials.Layout layout = Credentials.Layout.of(valueSet);

        for (String service : SERVICES) {
            Map<String, Rendered.Source> environment = chart.environment(container(chart.deploymentOf(service)));

            List<String> config = new ArrayList<>(ServerEnvironment.CONFIG);
            if (service.equals("reservation")) {
                config.addAll(ServerEnvironment.RESERVATION_CONFIG);
            } else {
                assertThat(environment).as("environment of %s", service)
                        .doesNotContainKeys(ServerEnvironment.RESERVATION_CONFIG.toArray(String[]::new));
            }
            if (ServerEnvironment.RECONCILING_SERVICES.contains(service)) {
                config.addAll(ServerEnvironment.RECONCILING_CONFIG);
            } else {
                assertThat(environment).as("environment of %s", service)
                        .doesNotContainKeys(ServerEnvironment.RECONCILING_CONFIG.toArray(String[]::new));
            }
            for (String variable : config) {
                assertThat(environment.get(variable)).as("%s of %s", variable, service)
                        .isInstanceOfSatisfying(Rendered.FromConfigMap.class,
                                from -> assertThat(from.configMap()).isEqualTo("healthcheck-" + service));
            }
            Credentials.expected(service, layout, true).forEach((variable, source) ->
                    assertThat(environment.get(variable)).as("%s of %s", variable, service).isEqualTo(source));
            assertThat(chart.config(chart.deploymentOf(service), "DB_NAME")).isEqualTo(service);
            // each service logs in to the broker as its own user, named after it
            assertThat(chart.config(chart.deploymentOf(service), "ARTEMIS_USER")).isEqualTo(service);
        }
        // a referenced key the generated Secret lacks would keep the pods from starting
        for (Secret secret : chart.secrets()) {
            assertThat(secret.getData()).containsOnlyKeys(Credentials.SINGLE_SECRET_KEYS);
        }
    }

    @Test
    void scheduleAndDeliveryReconcileAgainstTheReservationServiceWithTheConfiguredTimings() {
        Rendered chart = Chart.render();
        Service reservation = chart.serviceSelecting(
                chart.deploymentOf("reservation").getSpec().getTemplate().getMetadata().getLabels());
        for (String service : ServerEnvironment.RECONCILING_SERVICES) {
            Deployment reconciling = chart.deploymentOf(service);
            assertThat(chart.config(reconciling, "RESERVATION_URL")).isEqualTo("http://"
                    + reservation.getMetadata().getName() + ":" + reservation.getSpec().getPorts().get(0).getPort());
            assertThat(chart.config(reconciling, "RECONCILIATION_INTERVAL_SECONDS")).isEqualTo("60");
            assertThat(chart.config(reconciling, "RECONCILIATION_GRACE_SECONDS")).isEqualTo("600");
        }
    }

    @Test
    void reservationTakesSeatsFromTheScheduleServiceGuardedByTheConfiguredLimits() {
        Rendered chart = Chart.render();
        Deployment reservation = chart.deploymentOf("reservation");

        String scheduleUrl = chart.config(reservation, "SCHEDULE_URL");
        Service schedule = chart.serviceSelecting(
                chart.deploymentOf("schedule").getSpec().getTemplate().getMetadata().getLabels());
        assertThat(scheduleUrl).isEqualTo("http://" + schedule.getMetadata().getName() + ":"
                + schedule.getSpec().getPorts().get(0).getPort());

        assertThat(chart.config(reservation, "BOOKING_RETRY_AFTER_SECONDS")).isEqualTo("5");
        List<String> limits = ServerEnvironment.FAULT_TOLERANCE_KEYS.stream()
                .map(key -> chart.config(reservation, ServerEnvironment.environmentName(key)))
                .toList();
        assertThat(limits).containsExactly("1000", "20", "0.5", "5000", "100");
    }

    @Test
    void faultToleranceOverridesNameTheMethodTheServiceAnnotates() {
        // the MP Config keys are only honoured while ScheduleSeats.take carries these annotations
        String source = Chart.read(Path.of("../reservation-war/src/main/java",
                ServerEnvironment.SCHEDULE_SEATS.replace('.', '/') + ".java"));

        assertThat(source).contains("public SeatConfirmation take(", "@Timeout(", "@CircuitBreaker(", "@Bulkhead(");
    }

    @Test
    void reservationLimitsFollowTheValues() {
        Rendered chart = Chart.render("reservation-limits.yaml");
        Deployment reservation = chart.deploymentOf("reservation");

        List<String> limits = ServerEnvironment.FAULT_TOLERANCE_KEYS.stream()
                .map(key -> chart.config(reservation, ServerEnvironment.environmentName(key)))
                .toList();
        assertThat(limits).containsExactly("250", "10", "0.25", "2000", "40");
        assertThat(chart.config(reservation, "BOOKING_RETRY_AFTER_SECONDS")).isEqualTo("9");
    }

    @Test
    void aChangedSettingRollsThePodsOfTheServicesThatReadIt() {
        Rendered before = Chart.render();
        Rendered after = Chart.render(List.of(), Map.of("services.reservation.booking.bulkhead", 50));

        assertThat(checksum(after, "reservation")).isNotEqualTo(checksum(before, "reservation"));
        assertThat(checksum(after, "schedule")).isEqualTo(checksum(before, "schedule"));
    }

    private static String checksum(Rendered chart, String service) {
        String checksum = chart.deploymentOf(service).getSpec().getTemplate().getMetadata().getAnnotations()
                .get("checksum/config");
        assertThat(checksum).isNotBlank();
        return checksum;
    }
}
