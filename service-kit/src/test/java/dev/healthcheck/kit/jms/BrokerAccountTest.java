package dev.healthcheck.kit.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The broker connections a server opens itself (outside the resource adapter): TLS exactly when the chart turns it on. */
class BrokerAccountTest {

    private final BrokerAccount account = new BrokerAccount("healthcheck-artemis", 61616, "schedule", "secret");

    @Test
    void withoutTlsTheConnectorSpeaksPlainCore() {
        Map<String, Object> connector = connectorOf(account);

        assertThat(connector).containsEntry("host", "healthcheck-artemis").containsEntry("port", "61616")
                .doesNotContainKey("sslEnabled");
    }

    @Test
    void overTlsTheConnectorVerifiesTheBrokerAgainstTheMountedTrustStore() {
        Map<String, Object> connector = connectorOf(account.overTls("/etc/healthcheck/tls", "storePassw0rd"));

        assertThat(connector).containsEntry("sslEnabled", "true").containsEntry("verifyHost", "true")
                .containsEntry("trustStoreType", "PKCS12")
                .containsEntry("trustStorePath", "/etc/healthcheck/tls/truststore.p12")
                .containsEntry("trustStorePassword", "storePassw0rd");
    }

    @Test
    void atAPairANewConnectionMayGoToEitherBroker() {
        var connectors = account.withBackup("healthcheck-artemis-backup", 61617).factory("reconnectAttempts=0")
                .getStaticConnectors();

        assertThat(connectors).extracting(connector -> connector.getParams().get("host") + ":" + connector.getParams().get("port"))
                .containsExactly("healthcheck-artemis:61616", "healthcheck-artemis-backup:61617");
    }

    @Test
    void atAPairOverTlsBothConnectorsVerifyTheBroker() {
        var connectors = account.withBackup("healthcheck-artemis-backup", 61617).overTls("/etc/healthcheck/tls", "storePassw0rd")
                .factory("reconnectAttempts=0").getStaticConnectors();

        assertThat(connectors).hasSize(2).allSatisfy(connector -> assertThat(connector.getParams())
                .containsEntry("sslEnabled", "true").containsEntry("trustStorePath", "/etc/healthcheck/tls/truststore.p12"));
    }

    private static Map<String, Object> connectorOf(BrokerAccount account) {
        return account.factory("reconnectAttempts=0").getStaticConnectors()[0].getParams();
    }
}
