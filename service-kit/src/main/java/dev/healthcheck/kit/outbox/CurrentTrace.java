package dev.healthcheck.kit.outbox;

import java.util.Map;

/**
 * The trace the current transaction runs in, as the W3C Trace Context fields ({@code traceparent},
 * {@code tracestate}) an event carries to its consumers; empty when tracing is off. A port without
 * OpenTelemetry types, so the outbox works where no tracing is deployed (Arquillian's test archives).
 */
public interface CurrentTrace {

    Map<String, String> fields();
}
