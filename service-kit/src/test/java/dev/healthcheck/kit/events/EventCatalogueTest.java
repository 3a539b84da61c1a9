package dev.healthcheck.kit.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The AsyncAPI catalogue in docs/ is kept in step with the event records. */
class EventCatalogueTest {

    @Test
    void everyPublishedEventIsDocumentedOnItsTopic() throws IOException {
        String catalogue = Files.readString(Path.of("../docs/asyncapi.yaml"));
        for (SagaEvent event : EventCodecTest.oneOfEach()) {
            assertThat(catalogue).contains("    " + event.type() + ":\n");
            String channel = catalogue.substring(catalogue.indexOf("  " + event.topic().address() + ":"));
            String channelBlock = channel.substring(0, channel.indexOf("\n  healthcheck.") > 0
                    ? channel.indexOf("\n  healthcheck.") : channel.indexOf("\ncomponents:"));
            assertThat(channelBlock).as("channel of " + event.type())
                    .contains("#/components/messages/" + event.type());
        }
    }
}
