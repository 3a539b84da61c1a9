package dev.healthcheck.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The chart lints clean, and its schema turns away values of the wrong type or with unknown keys. */
class ChartLintTest {

    @Test
    void chartLintsWithoutErrorsOrWarnings() {
        LintResult lint = Chart.lint(Chart.DIRECTORY);

        assertThat(lint.isFailed()).as("lint failed: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    /** Each invalid values file, and the key its error message must name. */
    static Stream<Arguments> invalidValueSets() {
        return Stream.of(
                Arguments.of("invalid-replicas-as-text.yaml", "replicas"),
                Arguments.of("invalid-unknown-key.yaml", "persistance"),
                Arguments.of("invalid-unknown-service.yaml", "billing"),
                Arguments.of("invalid-failure-ratio-as-text.yaml", "failureRatio"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValueSets")
    void valuesViolatingTheSchemaFailLint(String valueSet, String offendingKey, @TempDir Path copy) throws IOException {
        // Lint reads the chart's own values.yaml: lint a copy whose values.yaml carries the bad values.
        copyChart(copy);
        ObjectNode values = (ObjectNode) Chart.YAML.readTree(copy.resolve("values.yaml").toFile());
        merge(values, Chart.YAML.readTree(Chart.VALUE_SETS.resolve(valueSet).toFile()));
        Chart.YAML.writeValue(copy.resolve("values.yaml").toFile(), values);

        LintResult lint = Chart.lint(copy);

        assertThat(lint.isFailed()).as("lint of %s: %s", valueSet, lint.getMessages()).isTrue();
        assertThat(String.join("\n", lint.getMessages())).contains("schema").contains(offendingKey);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValueSets")
    void valuesViolatingTheSchemaAreRefusedAtInstall(String valueSet, String offendingKey) {
        assertThatThrownBy(() -> Chart.render(valueSet))
                .hasMessageContaining("schema")
                .hasMessageContaining(offendingKey);
    }

    @Test
    void theUnchangedCopyOfTheChartLintsClean(@TempDir Path copy) throws IOException {
        // guards the test above: the copy alone must not be what fails lint
        copyChart(copy);

        assertThat(Chart.lint(copy).isFailed()).isFalse();
    }

    private static void copyChart(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(Chart.DIRECTORY)) {
            for (Path source : files.toList()) {
                Path destination = target.resolve(Chart.DIRECTORY.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        }
    }

    private static void merge(ObjectNode target, JsonNode overrides) {
        overrides.fields().forEachRemaining(field -> {
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode object && field.getValue().isObject()) {
                merge(object, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        });
    }
}
