package dev.healthcheck.reservation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A customer's booking of seats on a schedule. It is recorded PENDING before its seats are asked for, so
 * that an attempt cut short (a timeout, a crash) is known and its seats are given back; customers see it
 * only once RESERVED. An attempt ends REJECTED (schedule said no) or ABANDONED (no answer in time); the
 * same reservationId may then try again with a new attempt number. Cancelling keeps it, marked CANCELLED,
 * and happens at most once.
 */
@Entity
// Table, indexes and the unique (CUSTOMERID, REQUESTEDID): db/changelog.xml
@Table(name = "RESERVATION")
public class Reservation {

    public enum Status { PENDING, RESERVED, REJECTED, ABANDONED, CANCELLED }

    @Id
    private long reservationId;

    /** Concurrent changes of the same row: the later commit fails and is retried on fresh state. */
    @Version
    private long version;

    @Column(nullable = false, length = 64)
    private String customerId;

    @Column(nullable = false)
    private long scheduleId;

    @Column(nullable = false)
    private int reservationCount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    /**
     * Which attempt to book this reservation is, or was last, under way; schedule refuses older ones.
     * (A nullable column: added to existing databases in place.)
     */
    private int attempt;

    /** When the current attempt began; seats were taken by then when RESERVED. */
    @Column(nullable = false)
    private Instant reservedAt;

    private Instant cancelledAt;

    private LocalDate scheduleDate;

    @Column(length = 100)
    private String programme;

    @Column(length = 200)
    private String location;

    /**
     * The id the customer asked for when another customer's reservation already had it (null otherwise):
     * this one got an id of the server's instead, and the customer's retries find it by the id they sent.
     */
    private Long requestedId;

    protected Reservation() {
    }

    /**
     * A booking whose customer asked for an id another customer already has: it is booked under an id of
     * the server's, exactly as if the id had been free, so the answer never tells that the id is in use.
     */
    public static Reservation insteadOf(long requestedId, long assignedId, String customerId, long scheduleId,
                                        int reservationCount) {
        Reservation reservation = new Reservation(assignedId, customerId, scheduleId, reservationCount);
        reservation.requestedId = requestedId;
        return reservation;
    }

    /** A booking about to ask schedule for its seats: attempt 1. */
    public Reservation(long reservationId, String customerId, long scheduleId, int reservationCount) {
        if (reservationCount <= 0) {
            throw new IllegalArgumentException("reservationCount must be positive");
        }
        this.reservationId = reservationId;
        this.customerId = customerId;
        this.scheduleId = scheduleId;
        this.reservationCount = reservationCount;
        this.status = Status.PENDING;
        this.attempt = 1;
        this.reservedAt = Instant.now();
    }

    /**
     * A new attempt after a rejected or abandoned one.
     *
     * @throws BookingInProgressException while an attempt is still under way
     * @throws IllegalStateException      when the booking already succeeded
     */
    public int tryAgain() {
        if (status == Status.PENDING) {
            throw new BookingInProgressException(reservationId);
        }
        if (status != Status.REJECTED && status != Status.ABANDONED) {
            throw new IllegalStateException("reservation " + reservationId + " is " + status);
        }
        status = Status.PENDING;
        attempt++;
        reservedAt = Instant.now();
        return attempt;
    }

    /** @return whether the seats schedule confirmed now belong to this reservation (false: the attempt is over) */
    public boolean confirm(int attempt, LocalDate scheduleDate, String programme, String location) {
        if (!isUnderWay(attempt)) {
            return false;
        }
        this.status = Status.RESERVED;
        this.scheduleDate = scheduleDate;
        this.programme = programme;
        this.location = location;
        return true;
    }

    /** schedule refused the seats; nothing was taken. */
    public boolean reject(int attempt) {
        return end(attempt, Status.REJECTED);
    }

    /** No answer from schedule in time: whatever the attempt took must be given back. */
    public boolean abandon(int attempt) {
        return end(attempt, Status.ABANDONED);
    }

    private boolean end(int attempt, Status outcome) {
        if (!isUnderWay(attempt)) {
            return false;
        }
        status = outcome;
        return true;
    }

    private boolean isUnderWay(int attempt) {
        return status == Status.PENDING && this.attempt == attempt;
    }

    /** Customers see a reservation once it was booked; attempts that failed are bookkeeping. */
    public boolean isBooked() {
        return status == Status.RESERVED || status == Status.CANCELLED;
    }

    /** @return whether this call cancelled it; cancelling a cancelled reservation changes nothing */
    public boolean cancel() {
        if (status != Status.RESERVED) {
            return false;
        }
        status = Status.CANCELLED;
        cancelledAt = Instant.now();
        return true;
    }

    /** A customer's repeated booking request is the same one when it asks for the same thing. */
    public boolean isSameBooking(long scheduleId, int reservationCount) {
        return this.scheduleId == scheduleId && this.reservationCount == reservationCount;
    }

    public boolean belongsTo(String customerId) {
        return this.customerId.equals(customerId);
    }

    public long reservationId() {
        return reservationId;
    }

    public String customerId() {
        return customerId;
    }

    public long scheduleId() {
        return scheduleId;
    }

    public int reservationCount() {
        return reservationCount;
    }

    public int attempt() {
        return attempt;
    }

    public Status status() {
        return status;
    }

    public Instant reservedAt() {
        return reservedAt;
    }

    /** When it entered its status: the cancellation for CANCELLED, otherwise the start of its latest attempt. */
    public Instant statusSince() {
        return status == Status.CANCELLED ? cancelledAt : reservedAt;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    public LocalDate scheduleDate() {
        return scheduleDate;
    }

    public String programme() {
        return programme;
    }

    public String location() {
        return location;
    }
}
