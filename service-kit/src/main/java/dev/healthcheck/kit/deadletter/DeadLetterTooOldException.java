package dev.healthcheck.kit.deadletter;

import java.time.Duration;

/** A dead letter older than its consumer's memory of applied events: a re-drive could apply it twice. */
public class DeadLetterTooOldException extends RuntimeException {

    public DeadLetterTooOldException(DeadLetter letter, Duration retention) {
        super("dead letter " + letter.id() + " (" + letter.eventType() + " " + letter.eventId() + ") was published "
                + (letter.publishedAt() == null ? "at an unknown time" : "at " + letter.publishedAt())
                + ": its consumer forgets applied events after inbox.retention (" + retention + "), less a margin of "
                + RedriveWindow.MARGIN + ", so it could apply this one twice. Not re-driven: repair its effect by hand "
                + "(or let the reconciliation do it), then remove it from DLA; raise inbox.retention to keep letters re-drivable longer.");
    }
}
