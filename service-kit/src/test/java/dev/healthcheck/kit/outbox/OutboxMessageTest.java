package dev.healthcheck.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthcheck.kit.events.Reserved;
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
}
