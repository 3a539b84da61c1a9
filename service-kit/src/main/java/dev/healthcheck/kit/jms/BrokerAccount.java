package dev.healthcheck.kit.jms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The broker as this server's own connections reach it, outside the resource adapter's pool: the same
 * address and account the adapter is given (messaging.xml, the chart's ConfigMap and Secret).
 */
@ApplicationScoped
public class BrokerAccount {

    @Inject
    @ConfigProperty(name = "artemis.host")
    String host;

    @Inject
    @ConfigProperty(name = "artemis.port")
    int port;

    @Inject
    @ConfigProperty(name = "artemis.user")
    String user;

    @Inject
    @ConfigProperty(name = "artemis.password")
    String password;

    BrokerAccount() {
    }

    /** An account known beforehand, outside CDI. */
    public BrokerAccount(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** A factory for this broker with the client options given ({@code reconnectAttempts=0&…}). */
    public ActiveMQConnectionFactory factory(String options) {
        return new ActiveMQConnectionFactory("tcp://" + host + ":" + port + "?" + options);
    }

    public Connection connect(ConnectionFactory factory) throws JMSException {
        return factory.createConnection(user, password);
    }

    public JMSContext context(ConnectionFactory factory, int sessionMode) {
        return factory.createContext(user, password, sessionMode);
    }

    /** How the log names it. */
    public String address() {
        return host + ":" + port;
    }
}
