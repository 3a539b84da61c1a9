package dev.healthcheck.kit.deadletter;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a dead letter may be re-driven: while its consumer still remembers every event it applied.
 * The inbox forgets an applied event's id {@code inbox.retention} after it applied it, and it cannot have
 * applied an event before its publication, so an event published less than the retention ago is still
 * recognised if it was applied already, and a re-drive applies it at most once. Older, it could be applied
 * twice. A margin covers the clocks of the publishing and the consuming pod disagreeing, and a purge in
 * progress.
 *
 * @param retention the consumer's {@code inbox.retention}
 * @param margin    how much sooner than the retention the window closes
 */
public record RedriveWindow(Duration retention, Duration margin) {

    /** The margin: far more than pods' clocks disagree by, far less than any sensible retention. */
    public static final Duration MARGIN = Duration.ofHours(1);

    public RedriveWindow {
        if (retention.compareTo(margin) <= 0) {
            throw new IllegalArgumentException("inbox.retention " + retention + " must be longer than " + margin);
        }
    }

    public static RedriveWindow of(Duration retention) {
        return new RedriveWindow(retention, MARGIN);
    }

    /** Until when an event published then may be re-driven; empty when its publication time is unknown. */
    public Optional<Instant> closesFor(Instant publishedAt) {
        return Optional.ofNullable(publishedAt).map(published -> published.plus(retention).minus(margin));
    }

    /** Whether an event published then may still be re-driven at {@code now}; never when that time is unknown. */
    public boolean isOpenFor(Instant publishedAt, Instant now) {
        return closesFor(publishedAt).map(now::isBefore).orElse(false);
    }
}
