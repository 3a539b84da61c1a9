package dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The broker's permissions and subscriptions are written twice (the local broker.xml and the chart's)
 * and derived from the servers' listeners: the two stay the same, and every durable subscription a
 * server.xml asks for is declared, under the name and filter the resource adapter derives, readable by
 * that service alone (with the operator).
 */
class BrokerConfigurationTest {

    private static final Path ROOT = Path.of("..");
    private static final Path LOCAL = ROOT.resolve("system-tests/src/main/artemis/broker.xml");
    private static final Path CHART = ROOT.resolve("helm/healthcheck/files/broker.xml");

    @Test
    void theChartsBrokerHasTheLocalOnesPermissionsAndSubscriptions() throws Exception {
        assertThat(permissions(read(CHART))).isEqualTo(permissions(read(LOCAL))).isNotEmpty();
        assertThat(queues(read(CHART))).isEqualTo(queues(read(LOCAL))).isNotEmpty();
    }

    @Test
    void everyListenersSubscriptionIsDeclaredAndOnlyItsServiceReadsIt() throws Exception {
        Map<String, String> topics = elements(read(ROOT.resolve("liberty-config/src/main/liberty/shared/messaging.xml")),
                "jmsTopic").stream().collect(Collectors.toMap(topic -> topic.getAttribute("id"),
                topic -> child(topic, "properties.artemis").getAttribute("address")));
        Document broker = read(LOCAL);
        List<String> subscriptions = new ArrayList<>();
        for (String service : List.of("schedule", "reservation", "delivery", "mypage")) {
            for (Element spec : elements(read(ROOT.resolve(service + "-war/src/main/liberty/config/server.xml")),
                    "jmsActivationSpec")) {
                Element properties = child(spec, "properties.artemis");
                String queue = ActiveMQDestination.createQueueNameForSubscription(true,
                        properties.getAttribute("clientId"), properties.getAttribute("subscriptionName")).toString();
                String address = topics.get(properties.getAttribute("destinationRef"));
                subscriptions.add(address + "::" + queue);

                assertThat(queues(broker)).as(spec.getAttribute("id"))
                        .contains(address + "::" + queue + " filter=" + properties.getAttribute("messageSelector"));
                assertThat(permissions(broker)).as(spec.getAttribute("id")).contains(
                        address + "::" + queue + " consume=" + service + ",operator",
                        address + "::" + queue + " browse=" + service + ",operator");
            }
        }
        assertThat(subscriptions).hasSize(4);
    }

    /** "match type=roles", one per permission. */
    private static List<String> permissions(Document broker) {
        return elements(broker, "permission").stream().map(permission -> ((Element) permission.getParentNode())
                .getAttribute("match") + " " + permission.getAttribute("type") + "=" + permission.getAttribute("roles"))
                .toList();
    }

    /** "address::queue filter=…" for every declared queue. */
    private static List<String> queues(Document broker) {
        return elements(broker, "queue").stream().map(queue -> {
            Element address = (Element) queue.getParentNode().getParentNode();
            var filters = elements(queue, "filter");
            return address.getAttribute("name") + "::" + queue.getAttribute("name") + " filter="
                    + (filters.isEmpty() ? "" : filters.get(0).getAttribute("string"));
        }).toList();
    }

    private static Document read(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> elements(Document document, String tag) {
        return elements(document.getDocumentElement(), tag);
    }

    private static List<Element> elements(Element within, String tag) {
        var nodes = within.getElementsByTagName(tag);
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
    }

    private static Element child(Element parent, String tag) {
        return elements(parent, tag).get(0);
    }
}
