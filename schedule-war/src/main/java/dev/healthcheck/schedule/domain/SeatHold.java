package dev.healthcheck.schedule.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The seats one reservation holds on one schedule, keyed by the reservation: asking again for the same
 * reservation finds this hold instead of taking seats twice.
 * <p>
 * Each request carries the booking attempt it belongs to. When reservation abandons an attempt (it timed
 * out, or crashed) the hold goes back and that attempt is fenced off, so its request, still in flight,
 * cannot take seats later; a newer attempt may. A cancelled reservation fences every attempt.
 */
@Entity
@Table(name = "SEAT_HOLD")
public class SeatHold {

    public enum Status { HELD, RELEASED }

    /** The fence of a cancelled reservation: no attempt gets past it. */
    public static final int EVERY_ATTEMPT = Integer.MAX_VALUE;

    @Id
    private long reservationId;

    /** Concurrent changes of the same hold: the later commit fails and is retried on fresh state. */
    @Version
    private long version;

    @Column(nullable = false)
    private long scheduleId;

    @Column(nullable = false)
    private int count;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    /** The attempt that holds (or last held) the seats. (Nullable columns: added to existing databases in place.) */
    private int attempt;

    /** Attempts up to this one are refused. */
    private int fencedUpTo;

    @Column(nullable = false)
    private Instant changedAt;

    protected SeatHold() {
    }

    private SeatHold(long reservationId, long scheduleId, int count, Status status, int attempt, int fencedUpTo) {
        this.reservationId = reservationId;
        this.scheduleId = scheduleId;
        this.count = count;
        this.status = status;
        this.attempt = attempt;
        this.fencedUpTo = fencedUpTo;
        this.changedAt = Instant.now();
    }

    /** Takes the seats from the schedule for this attempt and records who holds them. */
    public static SeatHold take(Schedule schedule, long reservationId, int count, int attempt) {
        schedule.take(count);
        return new SeatHold(reservationId, schedule.scheduleId(), count, Status.HELD, attempt, 0);
    }

    /** A release that arrived before any hold: remembered, so the fenced attempts can never take seats. */
    public static SeatHold fencedBeforeTaken(long reservationId, long scheduleId, int fencedUpTo) {
        return new SeatHold(reservationId, scheduleId, 0, Status.RELEASED, 0, fencedUpTo);
    }

    /**
     * A repeated request for this reservation. The same seats, asked again by this or a newer attempt,
     * are the same hold (the newer attempt adopts it); after a release, an attempt past the fence takes
     * the seats anew.
     *
     * @return whether seats were taken now
     * @throws ScheduleConflictException when the request is fenced off or asks for different seats
     */
    public boolean requestAgain(Schedule schedule, int count, int attempt) {
        if (attempt <= fencedUpTo) {
            throw new ScheduleConflictException("reservationId " + reservationId + (fencedUpTo == EVERY_ATTEMPT
                    ? " was cancelled and takes no seats any more"
                    : " gave up on attempt " + attempt + "; only a newer attempt may take seats"));
        }
        if (status == Status.HELD && schedule.scheduleId() != scheduleId) {
            throw new ScheduleConflictException("reservationId " + reservationId + " already holds seats on schedule "
                    + scheduleId);
        }
        if (status == Status.HELD) {
            if (this.count != count) {
                throw new ScheduleConflictException("reservationId " + reservationId + " already holds "
                        + this.count + " seats on schedule " + scheduleId);
            }
            // A live attempt asked for it again: reconciliation's grace period starts anew.
            this.attempt = Math.max(this.attempt, attempt);
            this.changedAt = Instant.now();
            return false;
        }
        schedule.take(count);
        this.scheduleId = schedule.scheduleId();
        this.count = count;
        this.attempt = attempt;
        this.status = Status.HELD;
        this.changedAt = Instant.now();
        return true;
    }

    /**
     * Attempts up to {@code upTo} are refused from now on, and the seats go back unless a newer attempt
     * holds them. {@link #EVERY_ATTEMPT} is the reservation's cancellation; a smaller number is an attempt
     * reservation gave up on.
     *
     * @return whether seats went back (at most once)
     */
    public boolean fence(Schedule schedule, int upTo) {
        fencedUpTo = Math.max(fencedUpTo, upTo);
        changedAt = Instant.now();
        if (status == Status.RELEASED || attempt > upTo) {
            return false;
        }
        if (schedule.scheduleId() != scheduleId) {
            throw new IllegalArgumentException("hold of reservation " + reservationId + " is on schedule "
                    + scheduleId + ", not " + schedule.scheduleId());
        }
        schedule.release(count);
        status = Status.RELEASED;
        return true;
    }

    /**
     * Reconciliation: reservation says the booking is not RESERVED (or does not know it), so the seats go
     * back, but only if the hold is still as it was seen then (held by {@code attemptSeen}, unchanged since
     * before {@code heldBefore}): a booking attempt that adopted or took it meanwhile keeps it. No fence: the
     * booking may still try again with a newer attempt, and its own events fence what they must.
     *
     * @return whether seats went back
     */
    public boolean reclaim(Schedule schedule, int attemptSeen, Instant heldBefore) {
        if (status != Status.HELD || attempt != attemptSeen || !changedAt.isBefore(heldBefore)
                || schedule.scheduleId() != scheduleId) {
            return false;
        }
        schedule.release(count);
        status = Status.RELEASED;
        changedAt = Instant.now();
        return true;
    }

    public Instant changedAt() {
        return changedAt;
    }

    public long reservationId() {
        return reservationId;
    }

    public long scheduleId() {
        return scheduleId;
    }

    public int count() {
        return count;
    }

    public Status status() {
        return status;
    }

    public int attempt() {
        return attempt;
    }
}
