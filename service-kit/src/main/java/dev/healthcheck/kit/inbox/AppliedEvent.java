package dev.healthcheck.kit.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The id of an event this service has applied, recorded in the same transaction as its effect, and
 * forgotten after the retention window ({@link AppliedEventRetention}). The index serves that purge.
 * EclipseLink's create-or-extend-tables creates it with a new table only: a database whose APPLIED_EVENT
 * existed before needs {@code CREATE INDEX APPLIED_EVENT_APPLIED_AT ON APPLIED_EVENT (APPLIEDAT)} once.
 */
@Entity
@Table(name = "APPLIED_EVENT", indexes = @Index(name = "APPLIED_EVENT_APPLIED_AT", columnList = "appliedAt"))
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
