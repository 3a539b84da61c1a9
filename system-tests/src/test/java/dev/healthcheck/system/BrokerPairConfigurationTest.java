package dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The local pair's broker.xml (BrokerFailoverIT) is the single broker's with the chart's pair fragments
 * added: the same logins, permissions and delivery rules on both brokers, a primary and a backup policy.
 */
class BrokerPairConfigurationTest {

    private static final Layout LAYOUT = new Layout(Path.of("..").toAbsolutePath().normalize());

    @Test
    void bothBrokersOfThePairHaveTheSingleBrokersRulesAndTheirOwnPolicy(@TempDir Path directory) throws Exception {
        Document single = read(LAYOUT.brokerConfig());
        Path primaryXml = directory.resolve("primary.xml");
        Path backupXml = directory.resolve("backup.xml");
        Broker.primary(LAYOUT).writeConfiguration(primaryXml);
        Broker.backup(LAYOUT).writeConfiguration(backupXml);
        Document primary = read(primaryXml);
        Document backup = read(backupXml);

        for (Document pair : List.of(primary, backup)) {
            for (String rules : List.of("security-settings", "address-settings", "addresses", "acceptors")) {
                assertThat(text(pair, rules)).as(rules).isEqualTo(text(single, rules)).isNotBlank();
            }
            assertThat(xpath(pair, "//cluster-connection/connector-ref")).isEqualTo("self");
        }
        assertThat(xpath(primary, "//ha-policy/replication/primary/check-for-active-server")).isEqualTo("true");
        assertThat(xpath(backup, "//ha-policy/replication/backup/allow-failback")).isEqualTo("false");
        assertThat(text(single, "ha-policy")).isEmpty();
    }

    private static Document read(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    /** Every element of that name as XML, attributes included, comments and indentation left out. */
    private static String text(Document document, String tag) {
        var nodes = document.getElementsByTagName(tag);
        return String.join("|", IntStream.range(0, nodes.getLength()).mapToObj(i -> serialize((Element) nodes.item(i))).toList());
    }

    private static String serialize(Element element) {
        try {
            var out = new StringWriter();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(element), new StreamResult(out));
            return out.toString().replaceAll("(?s)<!--.*?-->", "").replaceAll(">\\s+<", "><").strip();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String xpath(Document document, String path) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(path, document);
    }
}
