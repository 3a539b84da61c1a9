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
        // lint mode lets the missing image repositories pass (Helm softens fail there); install refuses them
        LintResult lint = Chart.lint(Chart.DIRECTORY);

        assertThat(lint.isFailed()).as("lint failed: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void theCopyWithTheImagesMergedInLintsClean(@TempDir Path copy) throws IOException {
        // guards the schema test below: the copy and the merge alone must not be what fails lint
        assertThat(lintCopyWith(copy, Chart.IMAGES).isFailed()).isFalse();
    }

    /** Each invalid values file, and the key its error message must name. */
    static Stream<Arguments> invalidValueSets() {
        return Stream.of(
                Arguments.of("invalid-replicas-as-text.yaml", "replicas"),
                Arguments.of("invalid-unknown-key.yaml", "persistance"),
                Arguments.of("invalid-unknown-service.yaml", "billing"),
                Arguments.of("invalid-failure-ratio-as-text.yaml", "failureRatio"),
                Arguments.of("invalid-security-context-key.yaml", "readOnlyRootFileSystem"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValueSets")
    void valuesViolatingTheSchemaFailLint(String valueSet, String offendingKey, @TempDir Path copy) throws IOException {
        LintResult lint = lintCopyWith(copy, Chart.IMAGES, valueSet);

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

    /** Lint reads the chart's own values.yaml: lints a copy whose values.yaml has these value files merged in. */
    private static LintResult lintCopyWith(Path copy, String... valueSets) throws IOException {
        Chart.copyChart(Chart.DIRECTORY, copy);
        ObjectNode values = (ObjectNode) Chart.YAML.readTree(copy.resolve("values.yaml").toFile());
        for (String valueSet : valueSets) {
            merge(values, Chart.YAML.readTree(Chart.VALUE_SETS.resolve(valueSet).toFile()));
        }
        Chart.YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
        return Chart.lint(copy);
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
