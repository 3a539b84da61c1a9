package dev.healthcheck.mypage.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One reservation as its customer sees it: booking, schedule and mail-out in one row. Events may
 * arrive in any order (two topics, concurrent consumers), so every change only moves a status
 * forward; whatever the order, the row ends in the owning services' state.
 */
@Entity
// Table and indexes: db/changelog.xml
@Table(name = "MYPAGE_ROW")
public class MyPageRow {

    @Id
    private long reservationId;

    /** A booking's events take turns on its row (MyPageRepository.takeTurn); a change made out of turn fails here rather than overwrite. */
    @Version
    private long version;

    @Column(nullable = false, length = 64)
    private String customerId;

    @Column(nullable = false)
    private long scheduleId;

    /** 0 until the booking itself has been seen. */
    private int reservationCount;

    @Column(length = 16)
    private String reservationStatus;

    @Column(length = 16)
    private String deliveryStatus;

    @Column(length = 64)
    private String trackingReference;

    private Instant shippedAt;

    private Instant deliveredAt;

    private LocalDate scheduleDate;

    @Column(length = 100)
    private String programme;

    @Column(length = 200)
    private String location;

    @Column(nullable = false)
    private Instant updatedAt;

    protected MyPageRow() {
    }

    public MyPageRow(long reservationId, String customerId, long scheduleId) {
        this.reservationId = reservationId;
        this.customerId = customerId;
        this.scheduleId = scheduleId;
        this.updatedAt = Instant.now();
    }

    public void reserved(int reservationCount, LocalDate scheduleDate, String programme, String location) {
        this.reservationCount = reservationCount;
        this.scheduleDate = scheduleDate;
        this.programme = programme;
        this.location = location;
        this.reservationStatus = ReservationStatus.RESERVED.advance(reservationStatus);
        touch();
    }

    public void cancelled(int reservationCount) {
        this.reservationCount = reservationCount;
        this.reservationStatus = ReservationStatus.CANCELLED.advance(reservationStatus);
        touch();
    }

    public void delivery(DeliveryStatus status) {
        this.deliveryStatus = status.advance(deliveryStatus);
        touch();
    }

    /** The letter left; its reference and time are kept even when its arrival was seen first. */
    public void shipped(String trackingReference, Instant shippedAt) {
        this.trackingReference = trackingReference;
        this.shippedAt = shippedAt;
        delivery(DeliveryStatus.SHIPPED);
    }

    public void delivered(Instant deliveredAt) {
        this.deliveredAt = deliveredAt;
        delivery(DeliveryStatus.DELIVERED);
    }

    private void touch() {
        updatedAt = Instant.now();
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

    public String reservationStatus() {
        return reservationStatus;
    }

    public String deliveryStatus() {
        return deliveryStatus;
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

    /**
     * The booking was cancelled but its letter had already left: it cannot be called back and keeps its
     * status. Read from the two statuses, so it holds whichever event was seen first.
     */
    public boolean cancelledAfterShipping() {
        return ReservationStatus.CANCELLED.name().equals(reservationStatus)
                && (DeliveryStatus.SHIPPED.name().equals(deliveryStatus)
                || DeliveryStatus.DELIVERED.name().equals(deliveryStatus));
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

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Reservation statuses in the only order they can happen. */
    public enum ReservationStatus {
        RESERVED, CANCELLED;

        String advance(String current) {
            return current == null || valueOf(current).ordinal() < ordinal() ? name() : current;
        }
    }

    /**
     * Delivery statuses in the only order they can happen; CANCELLED is final. A mail-out is either
     * cancelled or shipped, never both, so CANCELLED after DELIVERED in this order loses nothing.
     */
    public enum DeliveryStatus {
        PREPARING, SHIPPED, DELIVERED, CANCELLED;

        String advance(String current) {
            return current == null || valueOf(current).ordinal() < ordinal() ? name() : current;
        }
    }
}
