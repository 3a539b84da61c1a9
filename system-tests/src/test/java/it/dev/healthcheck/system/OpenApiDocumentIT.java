package it.dev.healthcheck.system;

import static it.dev.healthcheck.system.support.Api.DELIVERY;
import static it.dev.healthcheck.system.support.Api.MYPAGE;
import static it.dev.healthcheck.system.support.Api.RESERVATION;
import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.OpenApiCompleteness;
import it.dev.healthcheck.system.support.TheSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each service's OpenAPI document, as the OpenAPI UI reads it: valid against the OpenAPI version it
 * declares (checked by swagger-parser), and complete enough to use the API from it alone
 * ({@link OpenApiCompleteness}): every operation with a summary, a description, a tag, the security
 * requirement, a request example, and every refusal it can give as problem+json; and every schema with
 * its properties.
 */
@ExtendWith(TheSystem.class)
class OpenApiDocumentIT {

    /** Answers the README's Decisions promise beyond those every operation of its shape gives. */
    private static final Map<Integer, Map<String, Set<String>>> PROMISED = Map.of(
            SCHEDULE, Map.of(
                    "POST /schedules", Set.of("201", "403", "409"),
                    "PUT /schedules/{scheduleId}/seatHolds/{reservationId}", Set.of("201", "200", "403", "409"),
                    "DELETE /schedules/{scheduleId}/seatHolds/{reservationId}", Set.of("204", "403"),
                    "GET /admin/dead-letters", Set.of("200", "403"),
                    "POST /admin/dead-letters/{id}/redrive", Set.of("200", "403", "404", "409")),
            RESERVATION, Map.of(
                    "POST /reservations", Set.of("201", "200", "403", "404", "409", "503"),
                    "DELETE /reservations/{reservationId}", Set.of("200", "403"),
                    "GET /admin/dead-letters", Set.of("200", "403")),
            DELIVERY, Map.of(
                    "GET /deliveries", Set.of("200", "403"),
                    "GET /admin/dead-letters", Set.of("200", "403"),
                    "POST /admin/dead-letters/{id}/redrive", Set.of("200", "403", "404", "409")),
            MYPAGE, Map.of(
                    "GET /myPages/{reservationId}", Set.of("200"),
                    "GET /admin/dead-letters", Set.of("200", "403"),
                    "POST /admin/dead-letters/{id}/redrive", Set.of("200", "403", "404", "409")));

    /** Answers an operation's shape suggests but it never gives, and why. */
    private static final Map<String, Set<String>> NEVER_GIVEN = Map.of(
            // releasing seats never held is harmless: it fences the reservation, whatever the ids (204)
            "DELETE /schedules/{scheduleId}/seatHolds/{reservationId}", Set.of("404"));

    @TestFactory
    Stream<DynamicTest> everyServiceDocumentIsValidAndComplete() {
        return PROMISED.entrySet().stream().map(service -> DynamicTest.dynamicTest("port " + service.getKey(), () -> {
            OpenAPI document = validDocument(service.getKey());
            assertThat(document.getInfo().getTitle()).startsWith("healthcheck ");
            assertThat(document.getInfo().getDescription()).isNotBlank();
            assertThat(document.getInfo().getLicense().getName()).isEqualTo("Apache-2.0");
            assertThat(document.getComponents().getSecuritySchemes()).containsKey("basicAuth");
            assertThat(new OpenApiCompleteness(service.getValue(), NEVER_GIVEN, Set.of()).gaps(document))
                    .as("what the document of port %d leaves out", service.getKey()).isEmpty();
        }));
    }

    /** The check above is only worth something if it notices what is missing. */
    @Test
    void theCompletenessCheckNamesEveryGap() {
        OpenAPI document = validDocument(RESERVATION);
        var book = document.getPaths().get("/reservations").getPost();
        book.setSummary(null);
        book.getResponses().remove("503");
        book.getRequestBody().getContent().values().forEach(media -> media.setExamples(null));
        var find = document.getPaths().get("/reservations/{reservationId}").getGet();
        find.getResponses().remove("401");
        find.getResponses().remove("404");
        find.setTags(null);
        var list = document.getPaths().get("/reservations").getGet();
        list.getResponses().get("400").set$ref("#/components/responses/NoSuchResponse");
        document.getPaths().get("/reservations/{reservationId}").getDelete().setSecurity(List.of());
        document.getComponents().getSchemas().get("ReservationView").setProperties(null);

        assertThat(new OpenApiCompleteness(PROMISED.get(RESERVATION), NEVER_GIVEN, Set.of()).gaps(document)).containsExactlyInAnyOrder(
                "POST /reservations: no summary",
                "POST /reservations: no example of the request body",
                "POST /reservations: no 503 answer",
                "GET /reservations/{reservationId}: no tag",
                "GET /reservations/{reservationId}: no 401 answer",
                "GET /reservations/{reservationId}: no 404 answer",
                "GET /reservations: 400 refers to a response that does not exist: #/components/responses/NoSuchResponse",
                "DELETE /reservations/{reservationId}: no security requirement",
                "schema ReservationView: an object without properties");
    }

    /** The document as the test saw it, beside the test reports, for a reader of a failure. */
    private static void keep(int port, String document) {
        try {
            Path reports = Files.createDirectories(Path.of("target/failsafe-reports"));
            Files.writeString(reports.resolve("openapi-" + port + ".json"), document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document parsed, with nothing swagger-parser finds wrong for the OpenAPI version it declares. */
    private static OpenAPI validDocument(int port) {
        var reply = Api.anonymous().accepting("application/json").get(port, "/openapi?format=JSON");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        keep(port, reply.body());
        var options = new ParseOptions();
        options.setValidateInternalRefs(true);
        var parsed = new OpenAPIV3Parser().readContents(reply.body(), null, options);
        assertThat(parsed.getMessages()).as("what swagger-parser finds wrong with the document of port %d", port)
                .isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).as("the OpenAPI version declared").startsWith("3.");
        return parsed.getOpenAPI();
    }
}
