package dev.healthcheck.kit.jms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The broker as this server's own connections reach it, outside the resource adapter's pool: the same
 * address, account and TLS the adapter is given (messaging.xml, tls-on.xml, the chart's ConfigMap and Secrets).
 */
@ApplicationScoped
public class BrokerAccount {

    @Inject
    @ConfigProperty(name = "artemis.host")
    String host;

    @Inject
    @ConfigProperty(name = "artemis.port")
    int port;

    /** on (the chart's artemis.ha.enabled): a primary/backup pair, the backup at artemis.backup.host:port (messaging.xml). */
    @Inject
    @ConfigProperty(name = "artemis.ha", defaultValue = "off")
    String ha = "off";

    @Inject
    @ConfigProperty(name = "artemis.backup.host")
    Optional<String> backupHost = Optional.empty();

    @Inject
    @ConfigProperty(name = "artemis.backup.port")
    Optional<Integer> backupPort = Optional.empty();

    @Inject
    @ConfigProperty(name = "artemis.user")
    String user;

    @Inject
    @ConfigProperty(name = "artemis.password")
    String password;

    /** on (the chart's tls.enabled): the broker speaks TLS only, its certificate checked against the release's CA. */
    @Inject
    @ConfigProperty(name = "tls.mode", defaultValue = "off")
    String tlsMode = "off";

    @Inject
    @ConfigProperty(name = "tls.directory", defaultValue = "/etc/healthcheck/tls")
    String tlsDirectory;

    @Inject
    @ConfigProperty(name = "tls.password")
    Optional<String> tlsPassword = Optional.empty();

    BrokerAccount() {
    }

    /** An account known beforehand, outside CDI. */
    public BrokerAccount(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** The same account at a primary/backup pair, the backup at this address. */
    public BrokerAccount withBackup(String host, int port) {
        BrokerAccount pair = new BrokerAccount(this.host, this.port, user, password);
        pair.ha = "on";
        pair.backupHost = Optional.of(host);
        pair.backupPort = Optional.of(port);
        return pair;
    }

    /** The same account over TLS, trusting the PKCS12 trust store in this directory. */
    public BrokerAccount overTls(String directory, String trustStorePassword) {
        BrokerAccount tls = new BrokerAccount(host, port, user, password);
        tls.ha = ha;
        tls.backupHost = backupHost;
        tls.backupPort = backupPort;
        tls.tlsMode = "on";
        tls.tlsDirectory = directory;
        tls.tlsPassword = Optional.of(trustStorePassword);
        return tls;
    }

    /**
     * A factory for this broker with the client options given ({@code reconnectAttempts=0&…}); for a pair,
     * both brokers, so that a new connection goes to whichever of them is live.
     */
    public ActiveMQConnectionFactory factory(String options) {
        String url = (isPair() ? "(tcp://" + host + ":" + port + ",tcp://" + backupAddress() + ")" : "tcp://" + host + ":" + port)
                + "?" + options;
        if ("on".equals(tlsMode)) {
            // what tls-on.xml gives the resource adapter; the URL is decoded before it is split, so no
            // escaping helps a password holding & or = (the chart's documentation asks for letters and digits)
            String trustStorePassword = tlsPassword.orElseThrow(() -> new IllegalStateException("tls.mode is on but tls.password is not set"));
            url += "&sslEnabled=true&verifyHost=true&trustStoreType=PKCS12&trustStorePath=" + tlsDirectory + "/truststore.p12"
                    + "&trustStorePassword=" + trustStorePassword;
        }
        return new ActiveMQConnectionFactory(url);
    }

    public Connection connect(ConnectionFactory factory) throws JMSException {
        return factory.createConnection(user, password);
    }

    public JMSContext context(ConnectionFactory factory, int sessionMode) {
        return factory.createContext(user, password, sessionMode);
    }

    /** How the log names it. */
    public String address() {
        return isPair() ? host + ":" + port + "," + backupAddress() : host + ":" + port;
    }

    private boolean isPair() {
        return "on".equals(ha);
    }

    private String backupAddress() {
        return backupHost.orElseThrow(() -> new IllegalStateException("artemis.ha is on but artemis.backup.host is not set"))
                + ":" + backupPort.orElseThrow(() -> new IllegalStateException("artemis.ha is on but artemis.backup.port is not set"));
    }
}
