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
 * The seats one reservation holds on one schedule, keyed by the reservation: taking seats twice for
 * the same reservation finds this hold instead of taking them again. A released hold stays as a
 * tombstone, so a late or retried request for that reservation cannot take seats any more.
 */
@Entity
@Table(name = "SEAT_HOLD")
public class SeatHold {

    public enum Status { HELD, RELEASED }

    @Id
    private long reservationId;

    /** Concurrent changes of the same row: the later commit fails and is retried on fresh state. */
    @Version
    private long version;

    @Column(nullable = false)
    private long scheduleId;

    @Column(nullable = false)
    private int count;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(nullable = false)
    private Instant changedAt;

    protected SeatHold() {
    }

    private SeatHold(long reservationId, long scheduleId, int count, Status status) {
        this.reservationId = reservationId;
        this.scheduleId = scheduleId;
        this.count = count;
        this.status = status;
        this.changedAt = Instant.now();
    }

    /** Takes the seats from the schedule and records who holds them. */
    public static SeatHold take(Schedule schedule, long reservationId, int count) {
        schedule.take(count);
        return new SeatHold(reservationId, schedule.scheduleId(), count, Status.HELD);
    }

    /** A release that arrived before any hold: remembered, so the hold can never be taken later. */
    public static SeatHold releasedBeforeTaken(long reservationId, long scheduleId) {
        return new SeatHold(reservationId, scheduleId, 0, Status.RELEASED);
    }

    /** True when this hold is what a repeated request for the same reservation asks for. */
    public boolean isSameRequest(long scheduleId, int count) {
        return status == Status.HELD && this.scheduleId == scheduleId && this.count == count;
    }

    /**
     * Gives the seats back to the schedule once; a second release changes nothing.
     *
     * @return whether seats went back
     */
    public boolean release(Schedule schedule) {
        if (status == Status.RELEASED) {
            return false;
        }
        if (schedule.scheduleId() != scheduleId) {
            throw new IllegalArgumentException("hold of reservation " + reservationId + " is on schedule "
                    + scheduleId + ", not " + schedule.scheduleId());
        }
        schedule.release(count);
        status = Status.RELEASED;
        changedAt = Instant.now();
        return true;
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
}
