package dev.healthcheck.kit.openapi;

import dev.healthcheck.kit.problem.Problem;
import dev.healthcheck.kit.problem.ProblemType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The parts of every service's OpenAPI document that are the same everywhere: the problem details
 * schema (with every problem type of {@link ProblemType}) and the refusals any operation may give.
 * Each service names this class in {@code mp.openapi.model.reader}; its annotations refer to these
 * components by the names in {@link Answers}.
 */
public class SharedComponents implements OASModelReader {

    @Override
    public OpenAPI buildModel() {
        return OASFactory.createOpenAPI().components(OASFactory.createComponents()
                .addSchema(Answers.PROBLEM, problemSchema())
                .addSchema(Answers.FIELD_ERROR, OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                        .description("One field or parameter a request got wrong.")
                        .addProperty("field", string("The JSON field or query/path parameter, e.g. reservationCount."))
                        .addProperty("detail", string("What is wrong with it, e.g. must be greater than 0.")))
                .addResponse(Answers.BAD_REQUEST, refusal(
                        "The request is not valid: a field or parameter fails its rules (validation-failed, every "
                                + "field at fault in errors) or the body is not JSON of this resource's shape "
                                + "(malformed-body).",
                        example(ProblemType.VALIDATION_FAILED, "reservationCount must be greater than 0",
                                List.of(Map.of("field", "reservationCount", "detail", "must be greater than 0"))),
                        example(ProblemType.MALFORMED_BODY,
                                "request body is not valid JSON for this resource: Unexpected char 125", null)))
                .addResponse(Answers.UNAUTHORISED, refusal(
                        "No credentials, a malformed Authorization header or a wrong password. Log in with HTTP basic "
                                + "authentication.",
                        example(ProblemType.UNAUTHORISED, "the user name or password is not right", null))
                        .addHeader("WWW-Authenticate", OASFactory.createHeader()
                                .description("The basic challenge: Basic realm=\"healthcheck\", charset=\"UTF-8\"")
                                .schema(string(null))))
                .addResponse(Answers.FORBIDDEN, refusal("The caller's role may not do this (see the README's table of "
                                + "who may do what).",
                        example(ProblemType.FORBIDDEN, "Access forbidden: role not allowed", null)))
                .addResponse(Answers.NOT_FOUND, refusal("Nothing by that id, or nothing the caller may see by that id "
                                + "(another customer's rows are 404, as if they did not exist).",
                        example(ProblemType.NOT_FOUND, "no MyPage row for reservationId 42", null)))
                .addResponse(Answers.TOO_LARGE, refusal("The body is larger than http.max-request-bytes (16 KiB); "
                                + "refused before anything reads it.",
                        example(ProblemType.TOO_LARGE, "request body is 20480 bytes; at most 16384 are accepted", null)))
                .addResponse(Answers.UNSUPPORTED_MEDIA_TYPE, refusal("The body is not application/json.",
                        example(ProblemType.UNSUPPORTED_MEDIA_TYPE, "RESTEASY003065: Cannot consume content type",
                                null))));
    }

    private static Schema problemSchema() {
        String types = Arrays.stream(ProblemType.values())
                .map(type -> "`" + type.uri() + "` (" + type.status().getStatusCode() + ", " + type.title() + ")")
                .collect(Collectors.joining("; "));
        return OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details, as application/problem+json.")
                .addProperty("type", string("The kind of refusal, one of: " + types + "."))
                .addProperty("title", string("A short summary of the kind, the same for every problem of a type."))
                .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.INTEGER)
                        .description("The HTTP status of this answer."))
                .addProperty("detail", string("What went wrong this time, naming the field or the reason."))
                .addProperty("instance", string("This occurrence (urn:uuid:…); the server's log line for the "
                        + "refusal carries the same id."))
                .addProperty("errors", OASFactory.createSchema().type(Schema.SchemaType.ARRAY)
                        .description("The fields at fault, for validation-failed only.")
                        .items(OASFactory.createSchema().ref(Answers.FIELD_ERROR)))
                .required(List.of("type", "title", "status", "detail", "instance"));
    }

    /** A refusal answered with problem details, and an example of each problem type it may carry. */
    @SafeVarargs
    private static APIResponse refusal(String description, Map.Entry<String, Object>... examples) {
        var mediaType = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(Answers.PROBLEM));
        for (var example : examples) {
            mediaType.addExample(example.getKey(), OASFactory.createExample().value(example.getValue()));
        }
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, mediaType);
        return OASFactory.createAPIResponse().description(description).content(content);
    }

    private static Map.Entry<String, Object> example(ProblemType type, String detail, List<Map<String, String>> errors) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.uri());
        problem.put("title", type.title());
        problem.put("status", type.status().getStatusCode());
        problem.put("detail", detail);
        problem.put("instance", "urn:uuid:3f2b8c1e-6a0d-4e7f-9b1a-2c5d8e0f4a67");
        if (errors != null) {
            problem.put("errors", errors);
        }
        return Map.entry(type.uri().substring(ProblemType.PREFIX.length()), problem);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(Schema.SchemaType.STRING).description(description);
    }
}
