package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.Consistency;
import it.dev.healthcheck.system.support.Ledger;
import it.dev.healthcheck.system.support.TheSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault: none. A customer's booking and its cancellation, sent in a trace the client started, are followed
 * by one trace across all four services: the REST requests (reservation, and its rest client's call to
 * schedule) and every event the saga raises on the way, carried in the messages' properties and picked up
 * by each consuming listener (delivery, mypage, schedule), also through events raised by a consumer
 * (delivery's DeliveryStarted, read by mypage). The spans are read where the tests export them: each
 * server's messages.log (TheSystem.TRACING).
 */
@ExtendWith(TheSystem.class)
class BookingTraceIT {

    private static final long SCHEDULE_ID = 240;
    private static final long BOOKING = 240_001;
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    @Test
    void aBookingsTraceHoldsSpansFromEveryServiceItsRequestsAndEventsReach() {
        var ledger = Ledger.forNewSchedule(SCHEDULE_ID, 10);
        String booking = newTraceId();
        String cancellation = newTraceId();
        Api alice = Api.as("alice");

        assertThat(ledger.book(alice.inTrace(traceParent(booking)), BOOKING, 2)).isEqualTo(201);
        Consistency.awaitConsistent(ledger, 10, EVENTUALLY);
        assertThat(ledger.cancel(alice.inTrace(traceParent(cancellation)), BOOKING)).isEqualTo(200);
        Consistency.awaitConsistent(ledger, 10, EVENTUALLY);

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(spans("reservation", booking)).anyMatch(span -> span.startsWith("SERVER POST"))
                    .anyMatch(span -> span.startsWith("CLIENT"));
            assertThat(spans("schedule", booking)).anyMatch(span -> span.startsWith("SERVER"));
            assertThat(spans("delivery", booking)).contains("CONSUMER Reserved");
            assertThat(spans("mypage", booking)).contains("CONSUMER Reserved", "CONSUMER DeliveryStarted");

            assertThat(spans("reservation", cancellation)).anyMatch(span -> span.startsWith("SERVER DELETE"));
            assertThat(spans("schedule", cancellation)).contains("CONSUMER ReservationCancelled");
            assertThat(spans("delivery", cancellation)).contains("CONSUMER ReservationCancelled");
            assertThat(spans("mypage", cancellation)).contains("CONSUMER ReservationCancelled", "CONSUMER DeliveryCancelled");
        });
    }

    private static String newTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** As a traced client sends it: version 00, the caller's span, sampled. */
    private static String traceParent(String traceId) {
        return "00-" + traceId + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + "-01";
    }

    /**
     * The spans of one trace a server exported, each as its kind and either its event type (a CONSUMER
     * span) or its name: the logging exporter writes {@code 'name' : traceId spanId KIND [tracer: …] {attributes}}.
     */
    private static List<String> spans(String server, String traceId) {
        Pattern span = Pattern.compile("'([^']*)' : " + traceId + " [0-9a-f]{16} (\\w+) .*");
        Pattern eventType = Pattern.compile("healthcheck\\.event\\.type=\"?(\\w+)");
        try (var lines = Files.lines(TheSystem.get().server(server).messagesLog())) {
            return lines.map(span::matcher).filter(Matcher::find).map(found -> {
                Matcher event = eventType.matcher(found.group());
                return found.group(2) + " " + (event.find() ? event.group(1) : found.group(1));
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
