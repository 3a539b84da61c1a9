package it.dev.healthcheck.system.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fault test's events must all be applied, none given up on: the dead-letter address holds as many
 * messages after the test as before it. (A crash or a failing neighbour must not use up the delivery
 * attempts of a healthy event.) A test that dead-letters on purpose re-drives what it made, and is held to
 * the same count. Register after {@link TheSystem}.
 */
public class NothingDeadLettered implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace HERE = ExtensionContext.Namespace.create(NothingDeadLettered.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(HERE).put("before", Broker.deadLetters(null));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        int before = context.getStore(HERE).get("before", Integer.class);
        assertThat(Broker.deadLetters(null)).as(() -> "messages on the dead-letter address, now "
                + Broker.describeDeadLetters()).isEqualTo(before);
    }
}
