package dev.healthcheck.delivery.domain;

/** A mail room's record that contradicts the mail-out's state: the state stays as it was. */
public class MailOutConflictException extends RuntimeException {

    public enum Reason { CANCELLED, NOT_SHIPPED, SHIPPED_WITH_ANOTHER_REFERENCE }

    private final Reason reason;

    public MailOutConflictException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
