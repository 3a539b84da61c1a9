package dev.healthcheck.kit.events;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * JSON-B for saga events: an event travels as its record's JSON with its type and version beside it
 * (the JMS properties {@code eventType} and {@code eventVersion}), so a reader knows which record to build
 * and whether it can read that payload at all.
 */
public final class EventCodec {

    /** Version of the payloads below; bump on any incompatible change and keep reading the old one. */
    public static final int VERSION = 1;

    /** Events sent before the version travelled with them (no property, or an outbox row without it) are version 1. */
    public static final int UNSTAMPED_VERSION = 1;

    private static final Map<String, Class<? extends SagaEvent>> TYPES = Stream.of(
                    ScheduleRegistered.class, SeatsTaken.class, SeatsReleased.class, Reserved.class,
                    ReservationCancelled.class, BookingAbandoned.class, DeliveryStarted.class,
                    DeliveryCancelled.class, DeliveryShipped.class, DeliveryDelivered.class)
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private static final Jsonb JSONB = JsonbBuilder.create();

    private EventCodec() {
    }

    public static String toJson(SagaEvent event) {
        return JSONB.toJson(event);
    }

    /**
     * Reads an event whose version travelled beside it ({@code null}: sent before versions were stamped).
     *
     * @throws MalformedEventException when the version is not one this service reads, the type is unknown
     *         or the payload does not fit it: such a message can never be applied, however often it is
     *         redelivered
     */
    public static SagaEvent fromJson(String type, String version, String json) {
        if (versionOf(version) != VERSION) {
            throw new MalformedEventException(type + " of version '" + version + "': this service reads version " + VERSION);
        }
        return fromJson(type, json);
    }

    /**
     * @throws MalformedEventException when the type is unknown or the payload does not fit it: such a
     *         message can never be applied, however often it is redelivered
     */
    public static SagaEvent fromJson(String type, String json) {
        Class<? extends SagaEvent> eventClass = TYPES.get(type);
        if (eventClass == null) {
            throw new MalformedEventException("unknown event type '" + type + "'");
        }
        try {
            SagaEvent event = JSONB.fromJson(json, eventClass);
            if (event == null || event.eventId() == null || event.occurredAt() == null) {
                throw new MalformedEventException(type + " without eventId or occurredAt");
            }
            return event;
        } catch (JsonbException e) {
            throw new MalformedEventException(type + " payload does not parse: " + e.getMessage());
        }
    }

    private static int versionOf(String version) {
        try {
            return version == null ? UNSTAMPED_VERSION : Integer.parseInt(version.strip());
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    public static boolean isKnownType(String type) {
        return TYPES.containsKey(type);
    }
}
