package dev.healthcheck.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthcheck.kit.events.ReservationCancelled;
import dev.healthcheck.kit.events.Reserved;
import dev.healthcheck.kit.events.ScheduleRegistered;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TopicSenderTest {

    @Test
    void aBookingsEventsShareOneMessageGroupAndAnotherBookingHasItsOwn() {
        var reserved = new OutboxMessage(new Reserved(UUID.randomUUID(), Instant.now(), 7, 1, "alice", 1, null, null, null));
        var cancelled = new OutboxMessage(new ReservationCancelled(UUID.randomUUID(), Instant.now(), 7, 1, "alice", 1));
        var other = new OutboxMessage(new Reserved(UUID.randomUUID(), Instant.now(), 8, 1, "alice", 1, null, null, null));

        assertThat(TopicSender.groupOf(reserved)).isEqualTo(TopicSender.groupOf(cancelled)).isEqualTo("booking-7");
        assertThat(TopicSender.groupOf(other)).isEqualTo("booking-8");
    }

    @Test
    void aSchedulesRegistrationIsGroupedByItsSchedule() {
        var registered = new OutboxMessage(new ScheduleRegistered(UUID.randomUUID(), Instant.now(), 3, 100, null, null, null));

        assertThat(TopicSender.groupOf(registered)).isEqualTo("schedule-3");
    }
}
