package it.dev.healthcheck.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthcheck.system.LibertyServer;
import dev.healthcheck.system.LocalSystem;
import it.dev.healthcheck.system.support.TheSystem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault: none. The JSON log switch (the chart's {@code logging.format: json}, the run command's
 * {@code -Dlogging.format=json}) on a server of its own: a copy of schedule on port 8093, pointed at a
 * closed broker port so it takes none of the main system's events. Its messages.log and its console are
 * one JSON object per line, Liberty's fields included.
 */
@ExtendWith(TheSystem.class)
class JsonLogsIT {

    private static final int PORT = 8093;

    @Test
    void withJsonLogsSwitchedOnAServerWritesOneJsonObjectPerLine() throws IOException {
        var environment = new HashMap<>(LocalSystem.observability("json", null));
        environment.put("ARTEMIS_PORT", "61699");
        LibertyServer server = TheSystem.get().server("schedule").replica("schedule-json-logs", PORT, environment);
        try {
            server.startWithoutAwaitingReadiness();

            List<JsonObject> messages = jsonLines(server.messagesLog());
            assertThat(messages).isNotEmpty().allSatisfy(line ->
                    assertThat(line).containsKeys("type", "message", "ibm_datetime", "ibm_serverName"));
            assertThat(messages).anySatisfy(line -> {
                assertThat(line.getString("ibm_messageId", "")).isEqualTo("CWWKF0011I");
                assertThat(line.getString("loglevel")).isEqualTo("AUDIT");
            });
            // the console also carries what the JVM itself prints (its own warnings), which Liberty does not format
            List<String> console = Files.readAllLines(server.messagesLog().resolveSibling("console.log"));
            assertThat(console).filteredOn(line -> line.contains("CWWK")).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{"));
            assertThat(console.stream().filter(line -> line.startsWith("{")).map(JsonLogsIT::json))
                    .anySatisfy(line -> assertThat(line.getString("message")).startsWith("CWWKF0011I"));
        } finally {
            server.stop();
            server.remove();
        }
    }

    /** Every line of the log, each of which must be a JSON object. */
    private static List<JsonObject> jsonLines(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> !line.isBlank()).map(JsonLogsIT::json).toList();
    }

    private static JsonObject json(String line) {
        return Json.createReader(new StringReader(line)).readObject();
    }
}
