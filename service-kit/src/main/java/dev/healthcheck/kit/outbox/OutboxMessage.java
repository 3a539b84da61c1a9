package dev.healthcheck.kit.outbox;

import dev.healthcheck.kit.events.EventCodec;
import dev.healthcheck.kit.events.SagaEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event written in the same transaction as its cause, waiting for the relay to hand it to Artemis. */
@Entity
@Table(name = "OUTBOX_MESSAGE")
public class OutboxMessage {

    /** Order of publication: the relay sends in this order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long position;

    @Column(nullable = false, unique = true, length = 36)
    private String eventId;

    @Column(nullable = false, length = 64)
    private String topicAddress;

    @Column(nullable = false, length = 64)
    private String eventType;

    /** The payload's version when it was written; null in rows from before the column existed. */
    private Integer eventVersion;

    @Lob
    @Column(nullable = false)
    private String payload;

    @Column(nullable = false)
    private Instant createdAt;

    protected OutboxMessage() {
    }

    public OutboxMessage(SagaEvent event) {
        this.eventId = event.eventId().toString();
        this.topicAddress = event.topic().address();
        this.eventType = event.type();
        this.eventVersion = EventCodec.VERSION;
        this.payload = EventCodec.toJson(event);
        this.createdAt = event.occurredAt();
    }

    public Long position() {
        return position;
    }

    public String eventId() {
        return eventId;
    }

    public String topicAddress() {
        return topicAddress;
    }

    public String eventType() {
        return eventType;
    }

    public int eventVersion() {
        return eventVersion == null ? EventCodec.UNSTAMPED_VERSION : eventVersion;
    }

    public String payload() {
        return payload;
    }
}
