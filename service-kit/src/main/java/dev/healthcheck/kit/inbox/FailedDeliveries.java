package dev.healthcheck.kit.inbox;

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
 * Makes failed event deliveries visible: each one is logged with its event and delivery count, and
 * counted in {@code /metrics} as {@code healthcheck_event_failures_total{listener=…}}. The broker
 * redelivers a failed message a bounded number of times (broker.xml: 20), then moves it to the
 * dead-letter address {@code DLA}; the last failure says so. The failure itself is rethrown untouched.
 */
public class FailedDeliveries {

    private static final Logger LOG = Logger.getLogger(FailedDeliveries.class.getName());

    /** The broker's max-delivery-attempts for the saga topics; past it, the message is dead-lettered. */
    static final int MAX_DELIVERY_ATTEMPTS = 20;

    @Inject
    MetricRegistry metrics;

    @AroundInvoke
    public Object countFailures(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (RuntimeException failure) {
            String listener = invocation.getTarget().getClass().getSimpleName().replaceAll("\\$.*", "");
            metrics.counter("healthcheck.event.failures", new Tag("listener", listener)).inc();
            if (invocation.getParameters().length == 1 && invocation.getParameters()[0] instanceof Message message) {
                report(listener, message, failure);
            }
            throw failure;
        }
    }

    private static void report(String listener, Message message, RuntimeException failure) {
        try {
            int attempt = message.getIntProperty("JMSXDeliveryCount");
            String what = listener + " failed on " + message.getStringProperty(IncomingEvents.EVENT_TYPE) + " "
                    + message.getStringProperty(IncomingEvents.EVENT_ID) + " (message " + message.getJMSMessageID()
                    + ", delivery " + attempt + " of " + MAX_DELIVERY_ATTEMPTS + "): " + failure;
            LOG.log(attempt >= MAX_DELIVERY_ATTEMPTS ? Level.SEVERE : Level.WARNING,
                    attempt >= MAX_DELIVERY_ATTEMPTS ? what + "; the broker moves it to the dead-letter address DLA" : what);
        } catch (JMSException unreadable) {
            LOG.log(Level.WARNING, listener + " failed on an unreadable message", failure);
        }
    }
}
