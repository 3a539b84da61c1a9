package dev.healthcheck.delivery.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The postal mail-out of questionnaire and guidance letter for one reservation (one per reservation,
 * keyed by it). It only moves forward: PREPARING, SHIPPED, DELIVERED; or CANCELLED while still being
 * prepared. A cancellation that arrives before the booking leaves a CANCELLED delivery, so the late
 * booking cannot start a mail-out any more. A letter that has left cannot be called back: a later
 * cancellation keeps its status and is only noted.
 */
@Entity
// Table and index: db/changelog.xml
@Table(name = "DELIVERY")
public class Delivery {

    public enum Status { PREPARING, SHIPPED, DELIVERED, CANCELLED }

    public static final int TRACKING_REFERENCE_MAX = 64;

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

    /** The postal service's reference, given by the mail room when the letter leaves. */
    @Column(length = TRACKING_REFERENCE_MAX)
    private String trackingReference;

    private Instant shippedAt;

    private Instant deliveredAt;

    /** When the reservation was cancelled after the letter had left (null otherwise). */
    private Instant cancelledAfterShippingAt;

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
     * Stops the mail-out if it has not left yet; a letter that has left keeps its status, and the
     * cancellation is noted ({@link #cancelledAfterShipping()}).
     *
     * @return whether this call cancelled it (false when already cancelled, shipped or delivered)
     */
    public boolean cancel() {
        if (status == Status.SHIPPED || status == Status.DELIVERED) {
            if (cancelledAfterShippingAt == null) {
                cancelledAfterShippingAt = Instant.now();
                updatedAt = cancelledAfterShippingAt;
            }
            return false;
        }
        if (status != Status.PREPARING) {
            return false;
        }
        status = Status.CANCELLED;
        updatedAt = Instant.now();
        return true;
    }

    /**
     * The mail room handed the letter to the post. Repeating it with the same reference changes nothing.
     *
     * @return whether this call shipped it (false when it had already left with this reference)
     * @throws MailOutConflictException when the mail-out was cancelled, or left with another reference
     */
    public boolean ship(String trackingReference, Instant at) {
        refuseIfCancelled("ship");
        if (status != Status.PREPARING) {
            if (trackingReference.equals(this.trackingReference)) {
                return false;
            }
            throw new MailOutConflictException(MailOutConflictException.Reason.SHIPPED_WITH_ANOTHER_REFERENCE,
                    "the mail-out of reservation " + reservationId + " already left with tracking reference "
                            + this.trackingReference);
        }
        this.trackingReference = trackingReference;
        this.shippedAt = at;
        this.status = Status.SHIPPED;
        this.updatedAt = at;
        return true;
    }

    /**
     * The letter arrived. Repeating it changes nothing.
     *
     * @return whether this call recorded the arrival (false when it was already recorded)
     * @throws MailOutConflictException when the mail-out never left (still being prepared, or cancelled)
     */
    public boolean arrive(Instant at) {
        if (status == Status.DELIVERED) {
            return false;
        }
        refuseIfCancelled("deliver");
        if (status != Status.SHIPPED) {
            throw new MailOutConflictException(MailOutConflictException.Reason.NOT_SHIPPED,
                    "the mail-out of reservation " + reservationId + " has not been shipped yet; "
                            + "record its shipment first");
        }
        this.deliveredAt = at;
        this.status = Status.DELIVERED;
        this.updatedAt = at;
        return true;
    }

    private void refuseIfCancelled(String action) {
        if (status == Status.CANCELLED) {
            throw new MailOutConflictException(MailOutConflictException.Reason.CANCELLED,
                    "the mail-out of reservation " + reservationId + " was cancelled; there is nothing to " + action);
        }
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

    public String trackingReference() {
        return trackingReference;
    }

    public Instant shippedAt() {
        return shippedAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    /** Whether the reservation was cancelled after its letter had left (the letter keeps its status). */
    public boolean cancelledAfterShipping() {
        return cancelledAfterShippingAt != null;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
