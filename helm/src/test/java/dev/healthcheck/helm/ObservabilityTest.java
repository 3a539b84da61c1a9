package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Traces and JSON logs: off by default, each one value away, as the services' environment. */
class ObservabilityTest {

    @Test
    void byDefaultTracingIsOffAndLogsAreLibertysText() {
        Rendered chart = Chart.render();

        for (String service : Rendered.SERVICES) {
            var environment = chart.environment(Rendered.container(chart.deploymentOf(service)));
            assertThat(chart.config(chart.deploymentOf(service), "OTEL_SDK_DISABLED")).isEqualTo("true");
            assertThat(environment).as(service).doesNotContainKeys("OTEL_EXPORTER_OTLP_ENDPOINT",
                    "WLP_LOGGING_CONSOLE_FORMAT", "WLP_LOGGING_MESSAGE_FORMAT");
        }
    }

    @Test
    void anOtlpEndpointTurnsTracingOnForEveryServiceUnderItsOwnName() {
        Rendered chart = Chart.render("tracing.yaml");

        for (String service : Rendered.SERVICES) {
            var deployment = chart.deploymentOf(service);
            assertThat(chart.config(deployment, "OTEL_SDK_DISABLED")).isEqualTo("false");
            assertThat(chart.config(deployment, "OTEL_SERVICE_NAME")).isEqualTo(service);
            assertThat(chart.config(deployment, "OTEL_EXPORTER_OTLP_ENDPOINT")).isEqualTo("http://otel-collector.observability:4318");
            assertThat(chart.config(deployment, "OTEL_EXPORTER_OTLP_PROTOCOL")).isEqualTo("http/protobuf");
            assertThat(chart.config(deployment, "OTEL_TRACES_SAMPLER")).isEqualTo("parentbased_traceidratio");
            assertThat(Double.parseDouble(chart.config(deployment, "OTEL_TRACES_SAMPLER_ARG"))).isEqualTo(0.25);
            // metrics stay MicroProfile Metrics' on /metrics
            assertThat(chart.config(deployment, "OTEL_METRICS_EXPORTER")).isEqualTo("none");
        }
    }

    @Test
    void jsonLogsAreOneValueAway() {
        Rendered chart = Chart.render(List.of(), Map.of("logging.format", "json"));

        for (String service : Rendered.SERVICES) {
            var deployment = chart.deploymentOf(service);
            assertThat(chart.config(deployment, "WLP_LOGGING_CONSOLE_FORMAT")).isEqualTo("json");
            assertThat(chart.config(deployment, "WLP_LOGGING_MESSAGE_FORMAT")).isEqualTo("json");
        }
    }

    @Test
    void anUnknownLogFormatOrProtocolIsRefused() {
        assertThatThrownBy(() -> Chart.render(List.of(), Map.of("logging.format", "xml"))).hasMessageContaining("format");
        assertThatThrownBy(() -> Chart.render(List.of(), Map.of("telemetry.otlpProtocol", "http/json")))
                .hasMessageContaining("otlpProtocol");
    }
}
