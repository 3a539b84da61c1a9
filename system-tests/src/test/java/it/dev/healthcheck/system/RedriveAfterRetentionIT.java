package it.dev.healthcheck.system;

import static it.dev.healthcheck.system.support.Api.DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.Broker;
import it.dev.healthcheck.system.support.NothingDeadLettered;
import it.dev.healthcheck.system.support.TheSystem;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.utils.UUIDGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dead letter older than its consumer remembers applied events (inbox.retention, 7 days by default) is
 * refused a re-drive, since the consumer could apply it twice, and the listing says so. Nobody waits a week:
 * the letter is put on DLA as the broker would have put it there, with a publication time 8 days ago.
 */
@ExtendWith({TheSystem.class, NothingDeadLettered.class})
class RedriveAfterRetentionIT {

    private static final String DELIVERY_SUBSCRIPTION =
            Broker.subscriptionQueue("healthcheck-delivery", "delivery.reservation-events");

    private final Api admin = Api.as("admin");
    private final String eventId = UUID.randomUUID().toString();

    @Test
    void aDeadLetterOlderThanTheInboxRetentionIsListedAsNotRedrivableAndItsRedriveRefused() throws Exception {
        Instant published = Instant.now().minus(Duration.ofDays(8)).truncatedTo(ChronoUnit.MILLIS);
        deadLetterOfDelivery(published);

        JsonObject letter = ownDeadLetter();
        assertThat(Instant.parse(letter.getString("publishedAt"))).isEqualTo(published);
        assertThat(letter.getBoolean("redrivable")).isFalse();
        assertThat(Instant.parse(letter.getString("redrivableUntil"))).isBefore(Instant.now());

        var refused = admin.send("POST", DELIVERY, "/admin/dead-letters/" + letter.getString("id") + "/redrive", null, null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().getString("type")).isEqualTo("urn:healthcheck:problem:dead-letter-too-old");
        // the setting by name and its value as the server reads it (P7D is 168 hours)
        assertThat(refused.json().getString("detail")).contains("inbox.retention", "PT168H", eventId);
        // left where it was, for the operator to deal with by hand
        assertThat(ownDeadLetter().getString("id")).isEqualTo(letter.getString("id"));
        assertThat(Broker.messageCount(DELIVERY_SUBSCRIPTION)).as("nothing sent to delivery's subscription").isZero();
    }

    @AfterEach
    void removeTheLetterMadeHere() {
        Broker.drop("DLA", "eventId = '" + eventId + "'");
    }

    private JsonObject ownDeadLetter() {
        var reply = admin.get(DELIVERY, "/admin/dead-letters?max=1000");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<JsonObject> letters = reply.jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(letter -> eventId.equals(letter.getString("eventId", null))).toList();
        assertThat(letters).as("delivery's dead letters of event %s", eventId).hasSize(1);
        return letters.get(0);
    }

    /**
     * A Reserved event on DLA as the broker leaves one that delivery's subscription gave up on, sent with
     * Artemis's core API, which keeps the timestamp it is given (JMS would stamp the time of sending) and
     * sets no message id of its own.
     */
    private void deadLetterOfDelivery(Instant published) throws Exception {
        var credentials = TheSystem.get().credentials();
        try (var locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + dev.healthcheck.system.Broker.PORT);
             var factory = locator.createSessionFactory();
             var session = factory.createSession(credentials.getProperty("ARTEMIS_USER"),
                     credentials.getProperty("ARTEMIS_PASSWORD"), false, true, true, false, 0);
             var producer = session.createProducer("DLA")) {
            var message = session.createMessage(Message.TEXT_TYPE, true);
            message.setTimestamp(published.toEpochMilli());
            // the JMS message id, which JMS would set and the listing names the letter by
            message.setUserID(UUIDGenerator.getInstance().generateUUID());
            message.setRoutingType(RoutingType.ANYCAST);
            message.putStringProperty("eventType", "Reserved");
            message.putStringProperty("eventId", eventId);
            message.putStringProperty("_AMQ_ORIG_ADDRESS", "healthcheck.reservation");
            message.putStringProperty("_AMQ_ORIG_QUEUE", DELIVERY_SUBSCRIPTION);
            message.getBodyBuffer().writeNullableSimpleString(SimpleString.of("{\"eventId\":\"" + eventId + "\"}"));
            producer.send(message);
        }
    }
}
