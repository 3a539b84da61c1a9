package dev.healthcheck.kit.outbox;

/** A CDI event: the current transaction wrote to the outbox, so the relay has work once it commits. */
public record OutboxWritten() {
}
