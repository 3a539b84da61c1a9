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
import java.util.HashMap;
import java.util.Map;

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

    /**
     * The event's subject ({@link SagaEvent#subject()}), its JMS message group: written with the event, so
     * that the relay need not decode the payload to find it. Null in rows from before the column existed.
     */
    @Column(length = 64)
    private String messageGroup;

    /**
     * The W3C Trace Context of the transaction that wrote the event, sent with it as the JMS properties
     * {@value #TRACEPARENT} and {@value #TRACESTATE}; null when tracing is off.
     */
    @Column(length = 55)
    private String traceParent;

    @Column(length = 512)
    private String traceState;

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    protected OutboxMessage() {
    }

    public OutboxMessage(SagaEvent event) {
        this.eventId = event.eventId().toString();
        this.topicAddress = event.topic().address();
        this.eventType = event.type();
        this.eventVersion = EventCodec.VERSION;
        this.payload = EventCodec.toJson(event);
        this.createdAt = event.occurredAt();
        this.messageGroup = event.subject();
    }

    /** Keeps the trace fields to send on; a tracestate too long for its column is left out (it is optional). */
    void carry(Map<String, String> trace) {
        traceParent = trace.get(TRACEPARENT);
        String state = trace.get(TRACESTATE);
        traceState = state != null && state.length() <= 512 ? state : null;
    }

    /** The trace fields to send as message properties, only those present. */
    public Map<String, String> trace() {
        Map<String, String> trace = new HashMap<>(4);
        if (traceParent != null) {
            trace.put(TRACEPARENT, traceParent);
            if (traceState != null) {
                trace.put(TRACESTATE, traceState);
            }
        }
        return trace;
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

    /** The message group to send the event in; a row from before the column is decoded to find it. */
    public String messageGroup() {
        return messageGroup != null ? messageGroup : EventCodec.fromJson(eventType, payload).subject();
    }
}
