package dev.healthcheck.kit.tracing.otel;

import dev.healthcheck.kit.inbox.IncomingEvents;
import dev.healthcheck.kit.tracing.MessageSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs a listener's delivery as a CONSUMER span whose parent is the context the event carries (the
 * transaction that wrote it to the outbox, see {@code OutboxMessage}), so a booking's trace goes on into
 * every service its events reach, and on through the events that service raises in turn.
 */
@ApplicationScoped
public class OpenTelemetrySpans implements MessageSpans {

    @Inject
    OpenTelemetry openTelemetry;

    @Override
    public Object around(Message message, Callable<Object> delivery) throws Exception {
        Context producer = openTelemetry.getPropagators().getTextMapPropagator()
                .extract(Context.root(), message, MessageProperties.GETTER);
        String topic = message.getJMSDestination() instanceof Topic destination ? destination.getTopicName() : "unknown";
        Span span = openTelemetry.getTracer("healthcheck").spanBuilder(topic + " process")
                .setSpanKind(SpanKind.CONSUMER).setParent(producer)
                .setAttribute("messaging.system", "activemq")
                .setAttribute("messaging.operation", "process")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("healthcheck.event.type", String.valueOf(message.getStringProperty(IncomingEvents.EVENT_TYPE)))
                .setAttribute("healthcheck.event.id", String.valueOf(message.getStringProperty(IncomingEvents.EVENT_ID)))
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            return delivery.call();
        } catch (Exception | Error failure) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
            throw failure;
        } finally {
            span.end();
        }
    }

    /** A JMS message's string properties as the propagator's carrier. */
    private enum MessageProperties implements TextMapGetter<Message> {
        GETTER;

        @Override
        public Iterable<String> keys(Message message) {
            try {
                return Collections.list(message.getPropertyNames()).stream().map(String::valueOf).toList();
            } catch (JMSException unreadable) {
                return List.of();
            }
        }

        @Override
        public String get(Message message, String key) {
            try {
                return message == null ? null : message.getStringProperty(key);
            } catch (JMSException unreadable) {
                return null;
            }
        }
    }
}
