package dev.healthcheck.kit.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

    static List<SagaEvent> oneOfEach() {
        return List.of(
                new ScheduleRegistered(UUID.randomUUID(), NOW, 1, 100, LocalDate.of(2027, 1, 15), "basic", "Tokyo"),
                new SeatsTaken(UUID.randomUUID(), NOW, 1, 7, 10, 90),
                new SeatsReleased(UUID.randomUUID(), NOW, 1, 7, 10, 100),
                new Reserved(UUID.randomUUID(), NOW, 7, 1, "alice", 10, LocalDate.of(2027, 1, 15), "basic", "Tokyo"),
                new ReservationCancelled(UUID.randomUUID(), NOW, 7, 1, "alice", 10),
                new BookingAbandoned(UUID.randomUUID(), NOW, 8, 1, 2),
                new DeliveryStarted(UUID.randomUUID(), NOW, 7, 1, "alice", "PREPARING"),
                new DeliveryCancelled(UUID.randomUUID(), NOW, 7, 1, "alice", "CANCELLED"),
                new DeliveryShipped(UUID.randomUUID(), NOW, 7, 1, "alice", "JP123456789", NOW),
                new DeliveryDelivered(UUID.randomUUID(), NOW, 7, 1, "alice", NOW));
    }

    @Test
    void everyEventSurvivesTheWireUnchanged() {
        for (SagaEvent event : oneOfEach()) {
            assertThat(EventCodec.fromJson(event.type(), EventCodec.toJson(event))).isEqualTo(event);
        }
    }

    @Test
    void everyEventHasATopicOwnedByItsService() {
        assertThat(oneOfEach()).allSatisfy(event -> assertThat(event.topic()).isNotNull());
        assertThat(new Reserved(UUID.randomUUID(), NOW, 7, 1, "alice", 1, null, null, null).topic())
                .isEqualTo(Topic.RESERVATION);
    }

    @Test
    void anUnknownTypeIsMalformedNotRetryable() {
        assertThatThrownBy(() -> EventCodec.fromJson("Exploded", "{}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Exploded");
    }

    @Test
    void garbageOrAnEventWithoutIdIsMalformed() {
        assertThatThrownBy(() -> EventCodec.fromJson("Reserved", "{not json"))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.fromJson("Reserved", "{\"reservationId\":1}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("eventId");
    }

    @Test
    void anEventOfTheCurrentVersionIsRead() {
        var event = oneOfEach().get(3);
        assertThat(EventCodec.fromJson(event.type(), String.valueOf(EventCodec.VERSION), EventCodec.toJson(event)))
                .isEqualTo(event);
    }

    @Test
    void aVersionThisServiceDoesNotReadIsMalformedNotRetryable() {
        var json = EventCodec.toJson(oneOfEach().get(3));
        for (String version : List.of(String.valueOf(EventCodec.VERSION + 1), "0", "one", "")) {
            assertThatThrownBy(() -> EventCodec.fromJson("Reserved", version, json))
                    .as("version '%s'", version)
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("version '" + version + "'");
        }
    }

    @Test
    void anEventSentBeforeVersionsTravelledIsReadAsVersionOne() {
        var event = oneOfEach().get(4);
        assertThat(EventCodec.UNSTAMPED_VERSION).isEqualTo(1);
        assertThat(EventCodec.fromJson(event.type(), null, EventCodec.toJson(event))).isEqualTo(event);
    }
}
