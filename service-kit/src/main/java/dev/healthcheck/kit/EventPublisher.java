package dev.healthcheck.kit;

import dev.healthcheck.kit.events.SagaEvent;

/**
 * The port through which application services raise saga events. Publishing happens inside the
 * caller's transaction: the event leaves if and only if the state change that caused it commits.
 */
public interface EventPublisher {

    void publish(SagaEvent event);
}
