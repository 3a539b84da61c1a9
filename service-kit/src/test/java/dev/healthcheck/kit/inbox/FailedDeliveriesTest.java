package dev.healthcheck.kit.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.healthcheck.kit.events.MalformedEventException;
import jakarta.interceptor.InvocationContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

/** A listener's failures told apart: never applicable goes to DLA at once, anything else is redelivered. */
class FailedDeliveriesTest {

    private final List<String> deadLettered = new ArrayList<>();
    private final Map<String, Integer> counted = new HashMap<>();
    private final Message message = fake(Message.class, (method, args) -> switch (method) {
        case "getJMSMessageID" -> "ID:1";
        case "getIntProperty" -> 3;
        default -> null;
    });
    private final FailedDeliveries failures = new FailedDeliveries();

    FailedDeliveriesTest() {
        failures.metrics = fake(MetricRegistry.class, (method, args) -> fake(Counter.class, (m, a) -> {
            counted.merge((String) args[0], 1, Integer::sum);
            return null;
        }));
        failures.deadLetters = new DeadLetters() {
            @Override
            public void send(Message original, Class<?> listener, String reason) {
                deadLettered.add(listener.getSimpleName() + ": " + reason);
            }
        };
    }

    @Test
    void anEventThatCanNeverBeAppliedIsDeadLetteredAtOnceWithItsReasonAndAcknowledged() throws Exception {
        Object returned = failures.countFailures(delivery(new MalformedEventException("unknown event type 'NoSuchEvent'")));

        assertThat(returned).isNull();
        assertThat(deadLettered).containsExactly("Listener: unknown event type 'NoSuchEvent'");
        assertThat(counted).containsExactly(Map.entry("healthcheck.events.dead.lettered", 1));
    }

    @Test
    void anyOtherFailureIsRethrownSoTheBrokerRedeliversIt() {
        var databaseAway = new IllegalStateException("connection refused");

        assertThatThrownBy(() -> failures.countFailures(delivery(databaseAway))).isSameAs(databaseAway);
        assertThat(deadLettered).isEmpty();
        assertThat(counted).containsExactly(Map.entry("healthcheck.event.failures", 1));
    }

    @Test
    void aDeadLetterThatCannotBeSentIsRedeliveredToBeSentLater() {
        var brokerAway = new JMSRuntimeException("broker away");
        failures.deadLetters = new DeadLetters() {
            @Override
            public void send(Message original, Class<?> listener, String reason) {
                throw brokerAway;
            }
        };

        assertThatThrownBy(() -> failures.countFailures(delivery(new MalformedEventException("not a text message"))))
                .isSameAs(brokerAway);
        assertThat(counted).containsExactly(Map.entry("healthcheck.event.failures", 1));
    }

    @Test
    void theDeliveryCountItLogsAgainstIsTheBrokersBound() throws IOException {
        String brokerXml = Files.readString(Path.of("../system-tests/src/main/artemis/broker.xml"));

        // the broker's default: an operator may set another (REDELIVERY_MAX_ATTEMPTS, the chart's artemis.redelivery)
        assertThat(brokerXml).contains("<max-delivery-attempts>${REDELIVERY_MAX_ATTEMPTS:" + FailedDeliveries.MAX_DELIVERY_ATTEMPTS + "}<");
    }

    /** onMessage of a listener, failing with the given exception. */
    private InvocationContext delivery(RuntimeException failure) {
        var listener = new Listener();
        return fake(InvocationContext.class, (method, args) -> switch (method) {
            case "getTarget" -> listener;
            case "getParameters" -> new Object[] {message};
            case "proceed" -> throw failure;
            default -> null;
        });
    }

    static class Listener implements MessageListener {
        @Override
        public void onMessage(Message message) {
        }
    }

    /** What a fake answers to a call of the named method. */
    interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args));
    }
}
