package dev.healthcheck.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthcheck.kit.jms.BrokerAccount;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.ExceptionListener;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The broker's state as the probe tells it, and its log: once when lost, once when back, never per tick. */
class BrokerConnectionTest {

    private final Logger logger = Logger.getLogger(BrokerConnection.class.getName());
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private final BrokerConnection broker = new BrokerConnection();
    private boolean brokerUp;
    private int connectionsOpened;
    private ExceptionListener listenerOfLastConnection;

    @BeforeEach
    void fakeBroker() {
        logger.addHandler(capture);
        broker.broker = new BrokerAccount("broker.test", 61616, "user", "password");
        broker.intervalMillis = 2000;
        broker.factory = factory();
    }

    @AfterEach
    void stopCapturing() {
        logger.removeHandler(capture);
    }

    @Test
    void aBrokerAwayAtStartIsReportedDownAndLoggedOnceHoweverManyTicksFail() {
        brokerUp = false;
        broker.connectUnlessConnected();
        broker.connectUnlessConnected();
        broker.connectUnlessConnected();

        assertThat(broker.isConnected()).isFalse();
        assertThat(messages()).singleElement().asString()
                .startsWith("WARNING cannot connect to the broker at broker.test:61616");
    }

    @Test
    void theConnectionIsOpenedOnceAndKeptWhileTheBrokerStays() {
        brokerUp = true;
        broker.connectUnlessConnected();
        broker.connectUnlessConnected();

        assertThat(broker.isConnected()).isTrue();
        assertThat(connectionsOpened).isEqualTo(1);
        assertThat(messages()).containsExactly("INFO connected to the broker at broker.test:61616");
    }

    @Test
    void aLostConnectionIsDownAtOnceAndBackWithTheFirstTickThatReachesTheBroker() {
        brokerUp = true;
        broker.connectUnlessConnected();

        brokerUp = false;
        listenerOfLastConnection.onException(new JMSException("connection failure", "DISCONNECT"));
        assertThat(broker.isConnected()).as("down without waiting for a tick").isFalse();
        broker.connectUnlessConnected();
        broker.connectUnlessConnected();

        brokerUp = true;
        broker.connectUnlessConnected();
        broker.connectUnlessConnected();

        assertThat(broker.isConnected()).isTrue();
        assertThat(messages()).hasSize(3);
        assertThat(messages().get(1)).startsWith("WARNING lost the connection to the broker at broker.test:61616")
                .contains("connection failure").contains("events wait in the outbox");
        assertThat(messages().get(2)).isEqualTo("INFO the connection to the broker at broker.test:61616 is back");
    }

    private List<String> messages() {
        return logged.stream().map(record -> record.getLevel() + " " + record.getMessage()).toList();
    }

    private ConnectionFactory factory() {
        return fake(ConnectionFactory.class, (method, args) -> {
            if (!method.equals("createConnection")) {
                throw new UnsupportedOperationException(method);
            }
            if (!brokerUp) {
                throw new JMSRuntimeException("Failed to create session factory");
            }
            connectionsOpened++;
            return fake(Connection.class, (connectionMethod, connectionArgs) -> {
                if (connectionMethod.equals("setExceptionListener")) {
                    listenerOfLastConnection = (ExceptionListener) connectionArgs[0];
                }
                return null;
            });
        });
    }

    private interface Behaviour {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T fake(Class<T> type, Behaviour behaviour) {
        return type.cast(Proxy.newProxyInstance(BrokerConnectionTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> behaviour.answer(method.getName(), args)));
    }
}
