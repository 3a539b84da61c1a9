package dev.healthcheck.kit.tracing;

import jakarta.jms.Message;
import java.util.concurrent.Callable;

/**
 * Runs a listener's delivery in a span of the trace its event carries. A port without OpenTelemetry
 * types: a server without the mpTelemetry feature (tracing off) has no implementation, and its listeners
 * run untraced.
 */
public interface MessageSpans {

    Object around(Message message, Callable<Object> delivery) throws Exception;
}
