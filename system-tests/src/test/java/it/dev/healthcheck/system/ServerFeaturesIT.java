package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;

import it.dev.healthcheck.system.support.TheSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real servers carry no test-only feature: Arquillian's local JMX connector (localConnector-1.0)
 * is added only to schedule-war's Arquillian copy of its server, never to the servers the local run and
 * the images use. Read from what each running server says it installed.
 */
@ExtendWith(TheSystem.class)
class ServerFeaturesIT {

    @ParameterizedTest
    @ValueSource(strings = {"schedule", "reservation", "delivery", "mypage"})
    void aRealServerHasNoLocalJmxConnector(String service) throws IOException {
        // CWWKF0012I: "The server installed the following features: [...]", logged at every start
        List<String> installed = Files.readAllLines(TheSystem.get().server(service).messagesLog()).stream()
                .filter(line -> line.contains("CWWKF0012I")).toList();

        assertThat(installed).as(service + "'s feature list").isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("mpHealth-4.0", "messaging-3.1")
                        .doesNotContain("localConnector"));
    }
}
