package dev.healthcheck.kit.tracing;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import jakarta.jms.Message;

/**
 * Runs a listener's delivery in the trace its event carries (see {@link MessageSpans}), where tracing is
 * on; elsewhere hands the delivery straight on.
 */
public class ConsumerSpans {

    /** Deployed only where the server has the OpenTelemetry API (service-kit's beans.xml). */
    @Inject
    Instance<MessageSpans> spans;

    @AroundInvoke
    public Object traced(InvocationContext invocation) throws Exception {
        if (invocation.getParameters().length == 1 && invocation.getParameters()[0] instanceof Message message
                && spans.isResolvable()) {
            return spans.get().around(message, invocation::proceed);
        }
        return invocation.proceed();
    }
}
