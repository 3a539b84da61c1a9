package dev.healthcheck.helm.run;

import java.util.Map;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * The release broker's dead-letter queue, DLA, as its operator sees it through the broker's Service (the
 * live broker of a pair): how many messages lie there. Artemis's own core client, with the operator's
 * login from the release's Secret.
 */
final class DeadLetters {

    private static final String BROKER = "healthcheck-artemis";

    private DeadLetters() {
    }

    /** Messages in DLA now; {@code tls}: the release's CA when its broker speaks TLS, else null. */
    static long count(Cluster cluster, ReleaseCertificates tls) {
        Map<String, String> credentials = cluster.secret("healthcheck-credentials");
        // the Service's address only: the pods' names in the pair's topology do not resolve from here. A
        // cluster IP is in no certificate: the chain to the run's CA is checked, not the name (verifyHost is
        // the core client's default), as the tests' HTTP client does (the pods check names among themselves)
        String url = "tcp://" + cluster.service(BROKER, 61616).getHost() + ":61616?ha=false&reconnectAttempts=0"
                + (tls == null ? "" : "&sslEnabled=true&verifyHost=false&trustStoreType=PKCS12&trustStorePath="
                + tls.truststoreFile() + "&trustStorePassword=" + tls.password());
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(credentials.get("ARTEMIS_OPERATOR_USER"),
                     credentials.get("ARTEMIS_OPERATOR_PASSWORD"), false, true, true, false, 0)) {
            ClientSession.QueueQuery query = session.queueQuery(SimpleString.of("DLA"));
            if (!query.isExists()) {
                throw new IllegalStateException("the broker has no queue DLA (broker.xml declares one)");
            }
            return query.getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read DLA through " + BROKER + ": " + e, e);
        }
    }
}
