package it.dev.healthcheck.system;

import static it.dev.healthcheck.system.support.Api.DELIVERY;
import static it.dev.healthcheck.system.support.Api.MYPAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.Broker;
import it.dev.healthcheck.system.support.Consistency;
import it.dev.healthcheck.system.support.Ledger;
import it.dev.healthcheck.system.support.TheSystem;
import jakarta.jms.JMSConsumer;
import jakarta.json.JsonObject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault: the broker delivers the same events again, and messages that are not events at all arrive on
 * the saga topics. Duplicates change nothing; poison ends in the dead-letter queue at once, not after
 * the redeliveries meant for outages, saying why and where from; the saga keeps flowing meanwhile.
 */
@ExtendWith(TheSystem.class)
class DuplicateAndPoisonIT {

    private static final long SCHEDULE_ID = 50;
    private static final int SEATS = 100;
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    /**
     * The listener moves poison to DLA on its first delivery; the broker's redelivery budget (about 44
     * minutes, broker.xml) is for failures that an outage causes. Seconds, with room for a busy box.
     */
    private static final Duration GIVEN_UP = Duration.ofSeconds(15);

    private final Api alice = Api.as("alice");

    @Test
    void duplicatedEventsChangeNothingAndPoisonIsDeadLetteredWithoutStoppingTheSaga() throws JMSException {
        var ledger = Ledger.forNewSchedule(SCHEDULE_ID, SEATS);
        List<Message> seen = new ArrayList<>();

        try (JMSContext jms = Broker.connect()) {
            // Listen on the saga's topics as one more subscriber, to get the real events to send again.
            JMSConsumer reservationEvents = jms.createConsumer(jms.createTopic("healthcheck.reservation"));
            JMSConsumer deliveryEvents = jms.createConsumer(jms.createTopic("healthcheck.delivery"));
            assertThat(ledger.book(alice, SCHEDULE_ID * 1_000 + 1, 2)).isEqualTo(201);
            assertThat(ledger.book(alice, SCHEDULE_ID * 1_000 + 2, 3)).isEqualTo(201);
            assertThat(ledger.cancel(alice, SCHEDULE_ID * 1_000 + 1)).isEqualTo(200);
            Consistency.awaitConsistent(ledger, SEATS, EVENTUALLY);
            var reservationSide = receiveAll(reservationEvents);
            var deliverySide = receiveAll(deliveryEvents);
            assertThat(reservationSide).as("Reserved ×2, ReservationCancelled").hasSize(3);
            // DeliveryStarted ×2 and DeliveryCancelled; a cancellation that overtakes the mail-out's
            // creation cancels it before it ever started, and then there is no DeliveryStarted for it.
            assertThat(deliverySide).as("delivery events").hasSizeBetween(2, 3);
            seen.addAll(reservationSide);
            seen.addAll(deliverySide);

            // Every event again, twice, as new messages (the broker's own duplicate check is not involved).
            for (int copy = 0; copy < 2; copy++) {
                for (Message event : seen) {
                    var again = jms.createTextMessage(Broker.text(event));
                    again.setStringProperty("eventType", event.getStringProperty("eventType"));
                    again.setStringProperty("eventId", event.getStringProperty("eventId"));
                    again.setIntProperty("eventVersion", event.getIntProperty("eventVersion"));
                    jms.createProducer().send(event.getJMSDestination(), again);
                }
            }

            String run = UUID.randomUUID().toString();
            int poisoned = 0;
            for (String topic : List.of("healthcheck.reservation", "healthcheck.delivery")) {
                var destination = jms.createTopic(topic);
                var notJson = jms.createTextMessage("{\"reservationId\": oops");
                notJson.setStringProperty("eventType", "Reserved");
                var unknownType = jms.createTextMessage("{\"reservationId\": 1}");
                unknownType.setStringProperty("eventType", "NoSuchEvent");
                var notText = jms.createBytesMessage();
                notText.writeBytes(new byte[] {1, 2, 3});
                notText.setStringProperty("eventType", "Reserved");
                // A well-formed event of a version no consumer reads: as unreadable as garbage.
                var futureVersion = jms.createTextMessage(Broker.text(seen.get(0)));
                futureVersion.setStringProperty("eventType", seen.get(0).getStringProperty("eventType"));
                futureVersion.setStringProperty("eventId", UUID.randomUUID().toString());
                futureVersion.setIntProperty("eventVersion", 99);
                for (Message poison : List.of(notJson, unknownType, notText, futureVersion)) {
                    poison.setStringProperty("poisonRun", run);
                    jms.createProducer().send(destination, poison);
                    poisoned++;
                }
            }
            System.out.println("DuplicateAndPoisonIT: sent " + seen.size() + " events twice more and "
                    + poisoned + " poison messages");

            // The saga keeps flowing: a booking after the poison goes all the way through.
            assertThat(ledger.book(alice, SCHEDULE_ID * 1_000 + 3, 4)).isEqualTo(201);
            var found = Consistency.awaitConsistent(ledger, SEATS, EVENTUALLY);
            assertThat(found).hasSize(3);

            // reservation's topic has two subscribers without a selector (delivery, mypage), delivery's one (mypage).
            long poisonedAt = System.nanoTime();
            await().atMost(GIVEN_UP).untilAsserted(() ->
                    assertThat(Broker.deadLetters("poisonRun = '" + run + "'")).isEqualTo(4 * 2 + 4));
            System.out.println("DuplicateAndPoisonIT: all poison dead-lettered "
                    + Duration.ofNanos(System.nanoTime() - poisonedAt).toMillis() + " ms after the booking that followed it");
            var letters = Broker.deadLetters("poisonRun = '" + run + "'", "deadLetterReason", "deadLetterListener",
                    "_AMQ_ORIG_ADDRESS", "_AMQ_ORIG_QUEUE");
            assertThat(letters).allSatisfy(letter -> {
                assertThat(letter.get("deadLetterReason")).as("why").isNotBlank();
                assertThat(letter.get("deadLetterListener")).as("who gave up").startsWith("dev.healthcheck.")
                        .endsWith("EventsListener");
                assertThat(letter.get("_AMQ_ORIG_ADDRESS")).as("where from")
                        .isIn("healthcheck.reservation", "healthcheck.delivery");
            });
            assertThat(letters).extracting(letter -> letter.get("deadLetterReason"))
                    .anySatisfy(reason -> assertThat(reason).contains("unknown event type 'NoSuchEvent'"))
                    .anySatisfy(reason -> assertThat(reason).contains("not a text message"))
                    .anySatisfy(reason -> assertThat(reason).contains("version '99'"))
                    .anySatisfy(reason -> assertThat(reason).contains("does not parse"));
            // Each consuming service's administrator finds the poison its own subscriptions gave up on, with why:
            // delivery's subscription to reservation's topic (4), mypage's to both topics (4 + 4).
            assertThat(letters).allSatisfy(letter ->
                    assertThat(letter.get("_AMQ_ORIG_QUEUE")).as("which subscription").isNotBlank());
            assertThat(poisonListedBy(DELIVERY)).isEqualTo(4);
            assertThat(poisonListedBy(MYPAGE)).isEqualTo(8);
            // Still nothing changed twice.
            Consistency.awaitConsistent(ledger, SEATS, EVENTUALLY);
        }
    }

    /** Dead letters on a service's /admin/dead-letters that its listeners sent there as unknown event types. */
    private static long poisonListedBy(int port) {
        var reply = Api.as("admin").get(port, "/admin/dead-letters?max=1000");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(letter -> letter.getString("reason").contains("unknown event type 'NoSuchEvent'")
                        || letter.getString("reason").contains("not a text message")
                        || letter.getString("reason").contains("version '99'")
                        || letter.getString("reason").contains("does not parse"))
                .count();
    }

    private static List<Message> receiveAll(JMSConsumer consumer) {
        List<Message> messages = new ArrayList<>();
        Message message;
        while ((message = consumer.receive(2_000)) != null) {
            messages.add(message);
        }
        return messages;
    }
}
