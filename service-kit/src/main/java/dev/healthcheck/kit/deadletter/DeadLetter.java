package dev.healthcheck.kit.deadletter;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event the broker gave up delivering to one of this service's subscriptions, as an operator sees it. */
@Schema(description = "An event on the dead-letter queue DLA that one of this service's subscriptions could not apply.")
public record DeadLetter(
        @Schema(description = "The dead letter's id (its JMS message id without the ID: prefix); re-drive it by this id.",
                example = "4c5e1d2a-8f3b-11f0-9d2e-0242ac120002")
        String id,
        @Schema(description = "The saga event's type, from its eventType property (null if the message had none).",
                example = "ReservationCancelled")
        String eventType,
        @Schema(description = "The saga event's id (null if the message had none).",
                example = "0b6c3e9e-5d0a-4d64-9a44-2f1e0b8f7c11")
        String eventId,
        @Schema(description = "The topic (Artemis address) it was published to.", example = "healthcheck.reservation")
        String topic,
        @Schema(description = "The subscription (Artemis queue) that gave up on it; a re-drive sends it back there only.",
                example = "healthcheck-delivery.delivery.reservation-events")
        String subscription,
        @Schema(description = "Why it was dead-lettered: the consumer's own reason (its deadLetterReason property) when "
                + "it rejected the message at once, otherwise the broker's (every delivery attempt failed).",
                example = "delivery count exceeded: the broker's max-delivery-attempts (20) failed")
        String reason,
        @Schema(description = "When the event was first published (the message's JMS timestamp).",
                example = "2026-11-30T01:02:03.456Z")
        Instant publishedAt,
        @Schema(description = "Whether it may be re-driven now: only while the consumer still remembers the events it "
                + "applied (inbox.retention, 7 days by default, less a margin of an hour), so that it applies it at most once.",
                example = "true")
        boolean redrivable,
        @Schema(description = "Until when it may be re-driven (null if its publication time is unknown: never).",
                example = "2026-12-07T00:02:03.456Z")
        Instant redrivableUntil) {
}
