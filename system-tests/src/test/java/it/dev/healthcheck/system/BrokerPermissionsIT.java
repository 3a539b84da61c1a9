package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.dev.healthcheck.system.support.TheSystem;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.activemq.artemis.api.config.ActiveMQDefaultConfiguration;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Least privilege on the broker, as the broker itself enforces it: each service logs in with its own
 * user (the one its server.env gives its server) and may send only to its own topic, read only its own
 * subscriptions, and neither delete queues nor manage the broker; the operator may. The subscriptions are
 * declared by broker.xml, with the filter the listener asks for, and the running listeners use them.
 */
@ExtendWith(TheSystem.class)
class BrokerPermissionsIT {

    private static final String RESERVATION_TOPIC = "healthcheck.reservation";
    /** The subscription queues as Artemis names them: clientId.subscriptionName, the name's dots escaped. */
    private static final String SCHEDULES_SUBSCRIPTION = "healthcheck-schedule.schedule\\.reservation-events";
    private static final String DELIVERYS_SUBSCRIPTION = "healthcheck-delivery.delivery\\.reservation-events";
    private static final Map<String, String> SUBSCRIPTIONS = Map.of(
            SCHEDULES_SUBSCRIPTION, "eventType IN ('ReservationCancelled', 'BookingAbandoned')",
            DELIVERYS_SUBSCRIPTION, "",
            "healthcheck-mypage-reservations.mypage\\.reservation-events", "",
            "healthcheck-mypage-deliveries.mypage\\.delivery-events", "");

    private ServerLocator locator;
    private ClientSessionFactory factory;

    @BeforeEach
    void connect() throws Exception {
        // a refused send is answered at once, not lost in the background
        locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + dev.healthcheck.system.Broker.PORT)
                .setBlockOnNonDurableSend(true).setBlockOnDurableSend(true);
        factory = locator.createSessionFactory();
    }

    @AfterEach
    void disconnect() {
        factory.close();
        locator.close();
    }

    @Test
    void aServiceReadsItsOwnSubscriptionButNotAnothers() throws Exception {
        try (ClientSession delivery = sessionOf("delivery")) {
            assertThatCode(() -> delivery.createConsumer(queue(DELIVERYS_SUBSCRIPTION), nothing(), true).close())
                    .as("browse its own").doesNotThrowAnyException();
            assertThatCode(() -> delivery.createConsumer(queue(DELIVERYS_SUBSCRIPTION), nothing()).close())
                    .as("consume its own").doesNotThrowAnyException();

            assertThatThrownBy(() -> delivery.createConsumer(queue(SCHEDULES_SUBSCRIPTION)))
                    .as("consume schedule's").isInstanceOf(ActiveMQSecurityException.class);
            assertThatThrownBy(() -> delivery.createConsumer(queue(SCHEDULES_SUBSCRIPTION), nothing(), true))
                    .as("browse schedule's").isInstanceOf(ActiveMQSecurityException.class);
        }
        try (ClientSession reservation = sessionOf("reservation")) {
            assertThatThrownBy(() -> reservation.createConsumer(queue(DELIVERYS_SUBSCRIPTION)))
                    .as("the publisher reads no subscription").isInstanceOf(ActiveMQSecurityException.class);
        }
    }

    @Test
    void aServiceSendsToItsOwnTopicButNotToAnothers() throws Exception {
        try (ClientSession schedule = sessionOf("schedule")) {
            // nobody subscribes to schedule's topic: the message goes nowhere
            assertThatCode(() -> send(schedule, "healthcheck.schedule")).as("its own").doesNotThrowAnyException();
            assertThatThrownBy(() -> send(schedule, RESERVATION_TOPIC)).as("reservation's")
                    .isInstanceOf(ActiveMQSecurityException.class);
            // (into its own subscription it may: an operator's re-drive of a dead letter)
            assertThatThrownBy(() -> send(schedule, RESERVATION_TOPIC + "::" + DELIVERYS_SUBSCRIPTION))
                    .as("straight into another's subscription").isInstanceOf(ActiveMQSecurityException.class);
        }
    }

    @Test
    void noServiceDeletesQueuesOrManagesTheBroker() throws Exception {
        for (String service : List.of("schedule", "reservation", "delivery", "mypage")) {
            try (ClientSession session = sessionOf(service)) {
                for (String subscription : SUBSCRIPTIONS.keySet()) {
                    assertThatThrownBy(() -> session.deleteQueue(subscription)).as(service + " deletes " + subscription)
                            .isInstanceOf(ActiveMQSecurityException.class);
                }
                assertThatThrownBy(() -> queueNames(session)).as(service + " manages")
                        .isInstanceOf(ActiveMQSecurityException.class);
            }
        }
        try (ClientSession operator = operatorSession()) {
            assertThat(queueNames(operator)).as("the operator manages, and every subscription is still there")
                    .containsAll(SUBSCRIPTIONS.keySet());
        }
    }

    /** Declared by broker.xml, so an event published before a listener's first start waits for it. */
    @Test
    void theSubscriptionsAreTheBrokersOwnAndTheListenersUseThem() throws Exception {
        try (ClientSession operator = operatorSession()) {
            SUBSCRIPTIONS.forEach((queue, filter) -> {
                try {
                    var query = operator.queueQuery(queue(queue));
                    assertThat(query.isExists()).as(queue).isTrue();
                    assertThat(query.isDurable()).as(queue).isTrue();
                    assertThat(query.getFilterString() == null ? "" : query.getFilterString().toString()).as(queue)
                            .isEqualTo(filter);
                    assertThat(query.getConsumerCount()).as("listeners on " + queue).isPositive();
                } catch (Exception e) {
                    throw new AssertionError(queue, e);
                }
            });
        }
    }

    private ClientSession sessionOf(String service) throws Exception {
        Properties environment = TheSystem.get().server(service).environment();
        assertThat(environment.getProperty("ARTEMIS_USER")).as(service + "'s broker user").isEqualTo(service);
        return session(environment.getProperty("ARTEMIS_USER"), environment.getProperty("ARTEMIS_PASSWORD"));
    }

    private ClientSession operatorSession() throws Exception {
        Properties dev = TheSystem.get().credentials();
        return session(dev.getProperty("ARTEMIS_USER"), dev.getProperty("ARTEMIS_PASSWORD"));
    }

    private ClientSession session(String user, String password) throws Exception {
        ClientSession session = factory.createSession(user, password, false, true, true, false, 0);
        session.start();
        return session;
    }

    private static void send(ClientSession session, String address) throws Exception {
        try (var producer = session.createProducer(address)) {
            ClientMessage message = session.createMessage(true);
            message.putStringProperty("eventType", "BrokerPermissionsIT");
            producer.send(message);
        }
    }

    /** The broker's queue names, asked of its management address (the manage permission). */
    private static List<Object> queueNames(ClientSession session) throws Exception {
        try (var requestor = new ClientRequestor(session, ActiveMQDefaultConfiguration.getDefaultManagementAddress())) {
            ClientMessage request = session.createMessage(false);
            ManagementHelper.putAttribute(request, ResourceNames.BROKER, "queueNames");
            ClientMessage reply = requestor.request(request, 10_000);
            assertThat(reply).as("a management reply").isNotNull();
            assertThat(ManagementHelper.hasOperationSucceeded(reply)).as(ManagementHelper.getResult(reply).toString())
                    .isTrue();
            return Arrays.asList((Object[]) ManagementHelper.getResult(reply));
        }
    }

    private static SimpleString queue(String name) {
        return SimpleString.of(name);
    }

    /** A filter no event matches: a consumer that takes nothing from a live subscription. */
    private static SimpleString nothing() {
        return SimpleString.of("eventType = 'BrokerPermissionsIT-matches-nothing'");
    }
}
