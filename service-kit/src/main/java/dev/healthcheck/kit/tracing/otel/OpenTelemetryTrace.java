package dev.healthcheck.kit.tracing.otel;

import dev.healthcheck.kit.outbox.CurrentTrace;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * The current span's context through the server's propagator (MicroProfile Telemetry: W3C Trace Context).
 * Deployed only where the server has the mpTelemetry feature (tracing on, see service-kit's beans.xml);
 * elsewhere an event carries nothing.
 */
@ApplicationScoped
public class OpenTelemetryTrace implements CurrentTrace {

    @Inject
    OpenTelemetry openTelemetry;

    @Override
    public Map<String, String> fields() {
        Map<String, String> fields = new HashMap<>(4);
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), fields, Map::put);
        return fields;
    }
}
