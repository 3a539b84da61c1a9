package dev.healthcheck.kit.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The id of an event this service has applied, recorded in the same transaction as its effect, and
 * forgotten after the retention window ({@link AppliedEventRetention}). The table and the index that
 * serves the purge are in the changelog {@code db/kit/applied-event.xml}.
 */
@Entity
@Table(name = "APPLIED_EVENT")
public class AppliedEvent {

    @Id
    @Column(length = 36)
    private String eventId;

    @Column(nullable = false, length = 64)
    private String eventType;

    @Column(nullable = false)
    private Instant appliedAt;

    protected AppliedEvent() {
    }

    AppliedEvent(String eventId, String eventType, Instant appliedAt) {
        this.eventId = eventId;
        this.eventType = eventType;
        this.appliedAt = appliedAt;
    }
}
