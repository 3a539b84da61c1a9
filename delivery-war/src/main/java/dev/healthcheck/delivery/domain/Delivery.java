package dev.healthcheck.delivery.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The postal mail-out of questionnaire and guidance letter for one reservation (one per reservation,
 * keyed by it). It only moves forward: PREPARING, SHIPPED, DELIVERED; or CANCELLED while still being
 * prepared. A cancellation that arrives before the booking leaves a CANCELLED delivery, so the late
 * booking cannot start a mail-out any more.
 */
@Entity
// An administrator's list per schedule is read without scanning every mail-out.
@Table(name = "DELIVERY", indexes = @Index(name = "DELIVERY_SCHEDULE", columnList = "SCHEDULEID"))
public class Delivery {

    public enum Status { PREPARING, SHIPPED, DELIVERED, CANCELLED }

    @Id
    private long reservationId;

    /** Concurrent changes of the same row: the later commit fails and is retried on fresh state. */
    @Version
    private long version;

    @Column(nullable = false)
    private long scheduleId;

    @Column(nullable = false, length = 64)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    /** Unknown until the customer gives one; the letter is prepared meanwhile. */
    @Column(length = 300)
    private String postalAddress;

    @Column(nullable = false)
    private Instant updatedAt;

    protected Delivery() {
    }

    private Delivery(long reservationId, long scheduleId, String customerId, Status status) {
        this.reservationId = reservationId;
        this.scheduleId = scheduleId;
        this.customerId = customerId;
        this.status = status;
        this.updatedAt = Instant.now();
    }

    public static Delivery start(long reservationId, long scheduleId, String customerId) {
        return new Delivery(reservationId, scheduleId, customerId, Status.PREPARING);
    }

    public static Delivery cancelledBeforeStart(long reservationId, long scheduleId, String customerId) {
        return new Delivery(reservationId, scheduleId, customerId, Status.CANCELLED);
    }

    /**
     * Stops the mail-out if it has not left yet.
     *
     * @return whether this call cancelled it (false when already cancelled, shipped or delivered)
     */
    public boolean cancel() {
        if (status != Status.PREPARING) {
            return false;
        }
        status = Status.CANCELLED;
        updatedAt = Instant.now();
        return true;
    }

    public boolean belongsTo(String customerId) {
        return this.customerId.equals(customerId);
    }

    public long reservationId() {
        return reservationId;
    }

    public long scheduleId() {
        return scheduleId;
    }

    public String customerId() {
        return customerId;
    }

    public Status status() {
        return status;
    }

    public String postalAddress() {
        return postalAddress;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
