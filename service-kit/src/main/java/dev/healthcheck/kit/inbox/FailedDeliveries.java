package dev.healthcheck.kit.inbox;

import dev.healthcheck.kit.events.MalformedEventException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Tells a listener's failures apart. An event that can never be applied (malformed, of an unknown type
 * or version, not text: {@link MalformedEventException}) is copied to the dead-letter address {@code DLA}
 * at once, with the reason ({@link DeadLetters}), and acknowledged; counted in {@code /metrics} as
 * {@code healthcheck_events_dead_lettered_total{listener=…}}. Any other failure (the database or the
 * broker away, a lock timeout) is rethrown untouched, so the broker redelivers it with growing pauses
 * for about 44 minutes (broker.xml: 50 attempts) before it gives up and moves it to {@code DLA}; each
 * such failure is logged with its delivery count (SEVERE on the last) and counted as
 * {@code healthcheck_event_failures_total{listener=…}}.
 */
public class FailedDeliveries {

    private static final Logger LOG = Logger.getLogger(FailedDeliveries.class.getName());

    /** The broker's max-delivery-attempts for the saga topics; past it, the message is dead-lettered. */
    static final int MAX_DELIVERY_ATTEMPTS = 50;

    @Inject
    MetricRegistry metrics;

    @Inject
    DeadLetters deadLetters;

    @AroundInvoke
    public Object countFailures(InvocationContext invocation) throws Exception {
        Class<?> listenerClass = listenerClass(invocation);
        String listener = listenerClass.getSimpleName();
        Message message = invocation.getParameters().length == 1 && invocation.getParameters()[0] instanceof Message m
                ? m : null;
        try {
            return invocation.proceed();
        } catch (MalformedEventException never) {
            if (message == null) {
                throw never;
            }
            try {
                deadLetters.send(message, listenerClass, never.getMessage());
            } catch (RuntimeException notSent) {
                // like any other failure: redelivered, and sent to DLA on a later attempt
                failed(listener, message, notSent);
                throw notSent;
            }
            metrics.counter("healthcheck.events.dead.lettered", new Tag("listener", listener)).inc();
            LOG.log(Level.SEVERE, listener + " cannot ever apply message " + message.getJMSMessageID()
                    + ", moved it to the dead-letter address DLA: " + never.getMessage());
            return null;
        } catch (RuntimeException failure) {
            failed(listener, message, failure);
            throw failure;
        }
    }

    private void failed(String listener, Message message, RuntimeException failure) {
        metrics.counter("healthcheck.event.failures", new Tag("listener", listener)).inc();
        if (message != null) {
            report(listener, message, failure);
        }
    }

    /** The bean class, not a container subclass of it. */
    private static Class<?> listenerClass(InvocationContext invocation) {
        Class<?> type = invocation.getTarget().getClass();
        while (type.getName().contains("$") && type.getSuperclass() != Object.class) {
            type = type.getSuperclass();
        }
        return type;
    }

    private static void report(String listener, Message message, RuntimeException failure) {
        try {
            int attempt = message.getIntProperty("JMSXDeliveryCount");
            String what = listener + " failed on " + message.getStringProperty(IncomingEvents.EVENT_TYPE) + " "
                    + message.getStringProperty(IncomingEvents.EVENT_ID) + " (message " + message.getJMSMessageID()
                    + ", delivery " + attempt + " of " + MAX_DELIVERY_ATTEMPTS + ", retried with growing pauses): "
                    + failure;
            LOG.log(attempt >= MAX_DELIVERY_ATTEMPTS ? Level.SEVERE : Level.WARNING,
                    attempt >= MAX_DELIVERY_ATTEMPTS ? what + "; the broker moves it to the dead-letter address DLA" : what);
        } catch (JMSException unreadable) {
            LOG.log(Level.WARNING, listener + " failed on an unreadable message", failure);
        }
    }
}
