package dev.healthcheck.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthcheck.kit.events.ReservationCancelled;
import dev.healthcheck.kit.events.Reserved;
import dev.healthcheck.kit.events.ScheduleRegistered;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutboxMessageTest {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private static OutboxMessage reserved() {
        return new OutboxMessage(new Reserved(UUID.randomUUID(), Instant.now(), 7, 1, "alice", 1, null, null, null));
    }

    @Test
    void anEventCarriesOnTheTraceContextItWasWrittenIn() {
        OutboxMessage message = reserved();
        message.carry(Map.of("traceparent", TRACEPARENT, "tracestate", "vendor=opaque"));

        assertThat(message.trace()).containsExactlyInAnyOrderEntriesOf(
                Map.of("traceparent", TRACEPARENT, "tracestate", "vendor=opaque"));
    }

    @Test
    void anEventWrittenOutsideATraceCarriesNoTraceProperties() {
        OutboxMessage message = reserved();
        message.carry(Map.of());

        assertThat(message.trace()).isEmpty();
        assertThat(reserved().trace()).isEmpty();
    }

    @Test
    void aTraceStateTooLongForItsColumnIsLeftOutAndTheTraceGoesOn() {
        OutboxMessage message = reserved();
        message.carry(Map.of("traceparent", TRACEPARENT, "tracestate", "v=" + "x".repeat(600)));

        assertThat(message.trace()).containsExactly(Map.entry("traceparent", TRACEPARENT));
    }

    @Test
    void aBookingsEventsShareOneMessageGroupAndAnotherBookingHasItsOwn() {
        var cancelled = new OutboxMessage(new ReservationCancelled(UUID.randomUUID(), Instant.now(), 7, 1, "alice", 1));
        var other = new OutboxMessage(new Reserved(UUID.randomUUID(), Instant.now(), 8, 1, "alice", 1, null, null, null));

        assertThat(reserved().messageGroup()).isEqualTo(cancelled.messageGroup()).isEqualTo("booking-7");
        assertThat(other.messageGroup()).isEqualTo("booking-8");
    }

    @Test
    void aSchedulesRegistrationIsGroupedByItsSchedule() {
        var registered = new OutboxMessage(new ScheduleRegistered(UUID.randomUUID(), Instant.now(), 3, 100, null, null, null));

        assertThat(registered.messageGroup()).isEqualTo("schedule-3");
    }

    /** Written before the column existed: the group is found in the payload, as it was before. */
    @Test
    void aRowWithoutItsGroupIsGivenTheGroupItsEventNames() throws Exception {
        OutboxMessage old = reserved();
        var column = OutboxMessage.class.getDeclaredField("messageGroup");
        column.setAccessible(true);
        column.set(old, null);

        assertThat(old.messageGroup()).isEqualTo("booking-7");
    }
}
