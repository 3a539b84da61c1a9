package it.dev.healthcheck.system.support;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an OpenAPI document of these services must say about every operation for a client to use it
 * without reading the code: a summary, a description, a tag, the security requirement, an example of
 * the request body, and every refusal it can give, as problem+json. Operations the README promises more
 * answers for (409, 503, ...) name them in {@code promised}, keyed like {@code "POST /reservations"}; an
 * answer an operation's shape suggests but it never gives (a 404 of an idempotent DELETE that accepts any
 * id) is named in {@code neverGiven}; an operation anybody may call without credentials in
 * {@code publicOperations}.
 */
public record OpenApiCompleteness(Map<String, Set<String>> promised, Map<String, Set<String>> neverGiven,
                                  Set<String> publicOperations) {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    /** Every gap, one line each ("GET /x: no summary"); empty when the document is complete. */
    public List<String> gaps(OpenAPI document) {
        List<String> gaps = new ArrayList<>();
        if (document.getPaths() == null || document.getPaths().isEmpty()) {
            gaps.add("the document has no operations");
            return gaps;
        }
        boolean securedByDefault = document.getSecurity() != null && !document.getSecurity().isEmpty();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method + " " + path;
            boolean secured = operation.getSecurity() == null ? securedByDefault : !operation.getSecurity().isEmpty();
            check(document, name, path, operation, secured, gaps);
        }));
        if (document.getComponents() != null && document.getComponents().getSchemas() != null) {
            document.getComponents().getSchemas().forEach((name, schema) -> {
                if ("object".equals(schema.getType()) && (schema.getProperties() == null || schema.getProperties().isEmpty())) {
                    gaps.add("schema " + name + ": an object without properties");
                }
            });
        }
        promised.keySet().forEach(name -> {
            String[] methodAndPath = name.split(" ", 2);
            var item = document.getPaths().get(methodAndPath[1]);
            if (item == null || item.readOperationsMap().keySet().stream()
                    .noneMatch(method -> method.name().equals(methodAndPath[0]))) {
                gaps.add(name + ": promised by the README, missing from the document");
            }
        });
        return gaps;
    }

    private void check(OpenAPI document, String name, String path, Operation operation, boolean secured,
                       List<String> gaps) {
        if (isBlank(operation.getSummary())) {
            gaps.add(name + ": no summary");
        }
        if (isBlank(operation.getDescription())) {
            gaps.add(name + ": no description");
        }
        if (operation.getTags() == null || operation.getTags().isEmpty()) {
            gaps.add(name + ": no tag");
        }
        boolean isPublic = publicOperations.contains(name);
        if (!secured && !isPublic) {
            gaps.add(name + ": no security requirement");
        }
        Map<String, ApiResponse> responses = operation.getResponses() == null ? Map.of() : operation.getResponses();
        if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
            gaps.add(name + ": no success answer");
        }
        List<String> expected = new ArrayList<>();
        if (secured && !isPublic) {
            expected.add("401");
        }
        boolean hasBody = operation.getRequestBody() != null;
        if (hasBody || (operation.getParameters() != null && !operation.getParameters().isEmpty())) {
            expected.add("400");
        }
        if (path.contains("{")) {
            expected.add("404");
        }
        if (hasBody) {
            expected.addAll(List.of("413", "415"));
            if (!hasExample(operation.getRequestBody().getContent())) {
                gaps.add(name + ": no example of the request body");
            }
        }
        expected.addAll(promised.getOrDefault(name, Set.of()));
        expected.removeAll(neverGiven.getOrDefault(name, Set.of()));
        expected.stream().distinct().filter(code -> !responses.containsKey(code))
                .forEach(code -> gaps.add(name + ": no " + code + " answer"));
        responses.forEach((code, declared) -> {
            ApiResponse response = resolve(document, declared);
            if (response == null) {
                gaps.add(name + ": " + code + " refers to a response that does not exist: " + declared.get$ref());
                return;
            }
            if (isBlank(response.getDescription())) {
                gaps.add(name + ": " + code + " has no description");
            }
            if (code.startsWith("4") || code.startsWith("5")) {
                MediaType problem = response.getContent() == null ? null : response.getContent().get(PROBLEM_JSON);
                if (problem == null || problem.getSchema() == null || !PROBLEM_SCHEMA.equals(problem.getSchema().get$ref())) {
                    gaps.add(name + ": " + code + " is not described as " + PROBLEM_JSON + " with the Problem schema");
                }
            }
            if (code.equals("201") && !hasHeader(response, "Location")) {
                gaps.add(name + ": 201 without its Location header");
            }
            if (code.equals("503") && !hasHeader(response, "Retry-After")) {
                gaps.add(name + ": 503 without its Retry-After header");
            }
        });
    }

    private static ApiResponse resolve(OpenAPI document, ApiResponse response) {
        if (response.get$ref() == null) {
            return response;
        }
        String componentName = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
        var components = document.getComponents();
        return components == null || components.getResponses() == null ? null
                : components.getResponses().get(componentName);
    }

    private static boolean hasExample(Content content) {
        return content != null && content.values().stream().anyMatch(media -> media.getExample() != null
                || (media.getExamples() != null && !media.getExamples().isEmpty()));
    }

    private static boolean hasHeader(ApiResponse response, String header) {
        return response.getHeaders() != null && response.getHeaders().containsKey(header);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
