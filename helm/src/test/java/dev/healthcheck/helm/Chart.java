package dev.healthcheck.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The chart in helm/healthcheck, driven by Helm in-process (helm-java): lint it, render it for a value
 * set, and bind every rendered document to the fabric8 Kubernetes model. Binding is strict: an unknown
 * kind or a field the model does not know (a typo such as {@code livenessprobe}) fails the render.
 */
public final class Chart {

    public static final Path DIRECTORY = Path.of("healthcheck");
    static final Path VALUE_SETS = Path.of("src/test/resources/values");
    static final String RELEASE = "healthcheck";
    public static final String NAMESPACE = "checkups";

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Chart() {
    }

    static LintResult lint(Path chart) {
        return new Helm(chart).lint().strict().call();
    }

    /** The operator's image repositories (values/images.yaml): no install renders without them. */
    public static final String IMAGES = "images.yaml";

    /**
     * Renders the chart with the image repositories of {@link #IMAGES}, then the named files of
     * src/test/resources/values, in order, then the --set pairs.
     */
    public static Rendered render(List<String> valueSets, Map<String, Object> sets) {
        List<String> all = new ArrayList<>(List.of(IMAGES));
        all.addAll(valueSets);
        return renderExactly(DIRECTORY, all, sets);
    }

    static Rendered render(String... valueSets) {
        return render(List.of(valueSets), Map.of());
    }

    /** Renders a chart directory with exactly these value files (no {@link #IMAGES} unless named) and --set pairs. */
    public static Rendered renderExactly(Path chart, List<String> valueSets, Map<String, Object> sets) {
        FakeKubernetesApi.start();
        TemplateCommand template = new Helm(withHooksVisible(chart)).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (String valueSet : valueSets) {
            template = template.withValuesFile(VALUE_SETS.resolve(valueSet));
        }
        for (var set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return new Rendered(template.call().replace(HIDDEN_HOOK, HOOK));
    }

    /**
     * Renders an upgrade of an installed release: the Secrets of {@code installed} are in the (fake)
     * cluster while the chart renders, so its lookup keeps their values, as helm upgrade does.
     */
    public static Rendered upgrade(Rendered installed, Path chart, List<String> valueSets, Map<String, Object> sets) {
        FakeKubernetesApi api = FakeKubernetesApi.start();
        installed.secrets().forEach(secret -> api.putSecret(NAMESPACE, secret.getMetadata().getName(), secret.getData()));
        try {
            return renderExactly(chart, valueSets, sets);
        } finally {
            api.clear();
        }
    }

    private static final String HOOK = "helm.sh/hook";
    private static final String HIDDEN_HOOK = "chart-tests.healthcheck.dev/hook";

    /**
     * helm-java's template returns the release manifest without the hooks that {@code helm template}
     * prints (the helm test Pod among them). A copy of the chart under target/, whose hook annotations
     * carry another name, renders them as plain manifests; render puts the name back in the output.
     */
    private static Path withHooksVisible(Path chart) {
        Path copy = Path.of("target/chart-with-visible-hooks", Integer.toHexString(chart.toAbsolutePath().hashCode()));
        try {
            copyChart(chart, copy);
            try (var files = Files.walk(copy.resolve("templates"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.writeString(file, Files.readString(file).replace(HOOK, HIDDEN_HOOK));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /** Copies a chart directory, replacing whatever an earlier copy left there. */
    public static void copyChart(Path chart, Path target) throws IOException {
        if (Files.exists(target)) {
            try (var old = Files.walk(target)) {
                for (Path path : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        try (var files = Files.walk(chart)) {
            for (Path source : files.toList()) {
                Path destination = target.resolve(chart.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        }
    }

    static List<HasMetadata> parse(String manifests) {
        List<HasMetadata> resources = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifests)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                KubernetesResource resource = YAML.treeToValue(document, KubernetesResource.class);
                if (!(resource instanceof HasMetadata object) || resource instanceof GenericKubernetesResource) {
                    throw new AssertionError("not a known Kubernetes kind: " + document.path("apiVersion").asText()
                            + " " + document.path("kind").asText());
                }
                List<String> unknown = new ArrayList<>();
                collectUnknownFields(object, object.getKind() + "/" + object.getMetadata().getName(), unknown);
                if (!unknown.isEmpty()) {
                    throw new AssertionError("fields the Kubernetes model does not know: " + unknown);
                }
                resources.add(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resources;
    }

    /** Every fabric8 model object keeps what it could not bind in additionalProperties: there must be none. */
    private static void collectUnknownFields(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> collectUnknownFields(item, path + "." + key, unknown));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            String name = getter.getName();
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !name.startsWith("get")) {
                continue;
            }
            Object property = invoke(getter, value);
            if (name.equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + " " + extra.keySet());
                }
            } else {
                collectUnknownFields(property, path + "." + name.substring(3), unknown);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter + " on " + target.getClass(), e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
