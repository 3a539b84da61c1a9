package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * artemis.ha.enabled: a replicating primary/backup pair in the single broker's place, each broker with its
 * own journal and configuration, the services connected to both; off, the single broker as before.
 */
class BrokerPairTest {

    private static final Map<String, Object> PAIR = Map.of("artemis.ha.enabled", true);
    private static final String PRIMARY = "healthcheck-artemis";
    private static final String BACKUP = "healthcheck-artemis-backup";
    private static final String PRIMARY_POD = "healthcheck-artemis-0.healthcheck-artemis-headless";
    private static final String BACKUP_POD = "healthcheck-artemis-backup-0.healthcheck-artemis-headless";

    @Test
    void byDefaultOneBrokerWithoutAnyHaPolicyServesTheServices() throws Exception {
        Rendered chart = Chart.render();

        assertThat(chart.all(StatefulSet.class)).extracting(s -> s.getMetadata().getName())
                .contains(PRIMARY).doesNotContain(BACKUP);
        Document broker = parse(brokerXml(chart, PRIMARY));
        assertThat(count(broker, "ha-policy") + count(broker, "cluster-connections")).isZero();
        for (String service : Rendered.SERVICES) {
            assertThat(chart.environment(Rendered.container(chart.deploymentOf(service)))).as(service)
                    .doesNotContainKeys("ARTEMIS_HA", "ARTEMIS_BACKUP_HOST");
        }
        assertThat(chart.all(PodDisruptionBudget.class)).extracting(p -> p.getMetadata().getName()).doesNotContain(PRIMARY);
    }

    @Test
    void thePairIsAReplicatingPrimaryAndBackupEachWithItsOwnJournalAndConfiguration() throws Exception {
        Rendered chart = Chart.render(List.of(), PAIR);

        Document primary = parse(brokerXml(chart, PRIMARY));
        Document backup = parse(brokerXml(chart, BACKUP));
        assertThat(text(primary, "//ha-policy/replication/primary/check-for-active-server")).isEqualTo("true");
        assertThat(text(primary, "//ha-policy/replication/primary/vote-on-replication-failure")).isEqualTo("false");
        assertThat(text(backup, "//ha-policy/replication/backup/allow-failback")).isEqualTo("false");
        for (Document broker : List.of(primary, backup)) {
            // the saga's rules are the single broker's: one broker.xml, the pair's elements added to it
            assertThat(count(broker, "security-setting")).isEqualTo(count(parse(brokerXml(Chart.render(), PRIMARY)), "security-setting"));
            assertThat(text(broker, "//cluster-connection/static-connectors/connector-ref")).isEqualTo("peer");
            assertThat(text(broker, "//cluster-password")).isEqualTo("${ARTEMIS_OPERATOR_PASSWORD}");
        }
        assertThat(addresses(chart, PRIMARY)).containsExactly(PRIMARY_POD + ":61616", BACKUP_POD + ":61616");
        assertThat(addresses(chart, BACKUP)).containsExactly(BACKUP_POD + ":61616", PRIMARY_POD + ":61616");

        for (String name : List.of(PRIMARY, BACKUP)) {
            StatefulSet broker = chart.get(StatefulSet.class, name);
            assertThat(broker.getSpec().getVolumeClaimTemplates()).singleElement()
                    .satisfies(claim -> assertThat(claim.getMetadata().getName()).isEqualTo("data"));
            assertThat(broker.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getConfigMap() != null)
                    .singleElement().satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo(name));
            assertThat(broker.getSpec().getServiceName()).isEqualTo("healthcheck-artemis-headless");
        }
        // neither StatefulSet claims the other's pod
        assertThat(selects(chart.get(StatefulSet.class, PRIMARY), chart.get(StatefulSet.class, BACKUP))).isFalse();
        assertThat(selects(chart.get(StatefulSet.class, BACKUP), chart.get(StatefulSet.class, PRIMARY))).isFalse();
    }

    @Test
    void everyServiceKnowsBothBrokersByTheirPodsStableNames() {
        Rendered chart = Chart.render(List.of(), PAIR);

        Service headless = chart.get(Service.class, "healthcheck-artemis-headless");
        for (String name : List.of(PRIMARY, BACKUP)) {
            assertThat(headless.getSpec().getSelector().entrySet())
                    .isSubsetOf(chart.get(StatefulSet.class, name).getSpec().getTemplate().getMetadata().getLabels().entrySet());
        }
        for (String service : Rendered.SERVICES) {
            Deployment deployment = chart.deploymentOf(service);
            assertThat(chart.config(deployment, "ARTEMIS_HA")).isEqualTo("on");
            assertThat(chart.config(deployment, "ARTEMIS_HOST") + ":" + chart.config(deployment, "ARTEMIS_PORT"))
                    .isEqualTo(PRIMARY_POD + ":61616");
            assertThat(chart.config(deployment, "ARTEMIS_BACKUP_HOST") + ":" + chart.config(deployment, "ARTEMIS_BACKUP_PORT"))
                    .isEqualTo(BACKUP_POD + ":61616");
        }
    }

    @Test
    void aBackupWithItsPortClosedIsNotReadyButNeverRestartedForIt() {
        Rendered chart = Chart.render(List.of(), PAIR);

        for (String name : List.of(PRIMARY, BACKUP)) {
            Container broker = chart.get(StatefulSet.class, name).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(broker.getLivenessProbe()).as(name).isNull();
            assertThat(broker.getStartupProbe()).as(name).isNull();
            assertThat(broker.getReadinessProbe().getTcpSocket().getPort().getStrVal()).as(name).isEqualTo("core");
        }
    }

    @Test
    void aNodeDrainTakesAtMostOneBrokerOfThePair() {
        Rendered chart = Chart.render(List.of(), PAIR);

        PodDisruptionBudget budget = chart.get(PodDisruptionBudget.class, PRIMARY);
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        for (String name : List.of(PRIMARY, BACKUP)) {
            assertThat(budget.getSpec().getSelector().getMatchLabels().entrySet())
                    .isSubsetOf(chart.get(StatefulSet.class, name).getSpec().getTemplate().getMetadata().getLabels().entrySet());
        }
    }

    @Test
    void overTlsThePairReachEachOtherOverTlsToo() throws Exception {
        Rendered chart = Chart.render(List.of("tls.yaml"), PAIR);

        for (String name : List.of(PRIMARY, BACKUP)) {
            Document broker = parse(brokerXml(chart, name));
            NodeList connectors = (NodeList) XPathFactory.newInstance().newXPath().evaluate("//connectors/connector",
                    broker, XPathConstants.NODESET);
            assertThat(connectors.getLength()).isEqualTo(2);
            for (int i = 0; i < connectors.getLength(); i++) {
                assertThat(connectors.item(i).getTextContent()).as(name).contains("sslEnabled=true;verifyHost=true")
                        .contains("truststore.p12");
            }
            assertThat(chart.get(StatefulSet.class, name).getSpec().getTemplate().getSpec().getVolumes())
                    .filteredOn(v -> v.getSecret() != null).singleElement()
                    .satisfies(v -> assertThat(v.getSecret().getItems()).extracting("key")
                            .containsExactly("keystore.p12", "truststore.p12"));
        }
    }

    private static String brokerXml(Rendered chart, String name) {
        return chart.get(ConfigMap.class, name).getData().get("broker.xml");
    }

    /** ARTEMIS_SELF and ARTEMIS_PEER of the broker's container, which its connectors are made of. */
    private static List<String> addresses(Rendered chart, String name) {
        var environment = chart.environment(chart.get(StatefulSet.class, name).getSpec().getTemplate().getSpec().getContainers().get(0));
        return List.of("ARTEMIS_SELF", "ARTEMIS_PEER").stream()
                .map(variable -> ((Rendered.Literal) environment.get(variable)).value()).toList();
    }

    private static boolean selects(StatefulSet owner, StatefulSet other) {
        return other.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                .containsAll(owner.getSpec().getSelector().getMatchLabels().entrySet());
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(Document document, String tag) {
        return document.getElementsByTagName(tag).getLength();
    }

    private static String text(Document document, String xpath) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, document);
    }
}
