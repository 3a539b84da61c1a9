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
 * A customer's booking of seats on a schedule. It exists only once its seats were taken; cancelling
 * keeps it, marked CANCELLED, and happens at most once.
 */
@Entity
@Table(name = "RESERVATION")
public class Reservation {

    public enum Status { RESERVED, CANCELLED }

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

    @Column(nullable = false)
    private Instant reservedAt;

    private Instant cancelledAt;

    private LocalDate scheduleDate;

    @Column(length = 100)
    private String programme;

    @Column(length = 200)
    private String location;

    protected Reservation() {
    }

    public Reservation(long reservationId, String customerId, long scheduleId, int reservationCount,
                       LocalDate scheduleDate, String programme, String location) {
        if (reservationCount <= 0) {
            throw new IllegalArgumentException("reservationCount must be positive");
        }
        this.reservationId = reservationId;
        this.customerId = customerId;
        this.scheduleId = scheduleId;
        this.reservationCount = reservationCount;
        this.status = Status.RESERVED;
        this.reservedAt = Instant.now();
        this.scheduleDate = scheduleDate;
        this.programme = programme;
        this.location = location;
    }

    /** @return whether this call cancelled it; cancelling a cancelled reservation changes nothing */
    public boolean cancel() {
        if (status == Status.CANCELLED) {
            return false;
        }
        status = Status.CANCELLED;
        cancelledAt = Instant.now();
        return true;
    }

    /** A repeated booking request is the same one when it asks for the same thing, by the same customer. */
    public boolean isSameBooking(String customerId, long scheduleId, int reservationCount) {
        return this.customerId.equals(customerId) && this.scheduleId == scheduleId
                && this.reservationCount == reservationCount;
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

    public Status status() {
        return status;
    }

    public Instant reservedAt() {
        return reservedAt;
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
