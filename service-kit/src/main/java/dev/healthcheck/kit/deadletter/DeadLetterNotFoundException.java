package dev.healthcheck.kit.deadletter;

/** No dead letter of this service's subscriptions by that id (never there, or re-driven already). */
public class DeadLetterNotFoundException extends RuntimeException {

    public DeadLetterNotFoundException(String id) {
        super("no dead letter " + id + " of this service's subscriptions (it may have been re-driven already)");
    }
}
