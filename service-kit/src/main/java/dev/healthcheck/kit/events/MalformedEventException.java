package dev.healthcheck.kit.events;

/** A message that no retry can make readable: it belongs on the dead-letter address. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }
}
