package dev.healthcheck.kit.tracing;

import dev.healthcheck.kit.outbox.CurrentTrace;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * The current span's context through the server's propagator (MicroProfile Telemetry: W3C Trace Context).
 * With the SDK disabled (the default) the propagator is a no-op and an event carries nothing.
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
