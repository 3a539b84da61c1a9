package dev.healthcheck.kit.problem;

import dev.healthcheck.kit.deadletter.DeadLetterNotFoundException;
import dev.healthcheck.kit.deadletter.DeadLetterTooOldException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The failures every service shares (bad JSON, failed validation, JAX-RS's own 4xx), turned into
 * problem details. Each service's exception mapper adds its domain's failures and asks this for the rest.
 */
public final class ClientErrors {

    private static final Logger LOG = Logger.getLogger(ClientErrors.class.getName());

    private ClientErrors() {
    }

    public static Response toResponse(Throwable failure) {
        return problemFor(failure).toResponse().build();
    }

    static Problem problemFor(Throwable failure) {
        if (failure instanceof DeadLetterNotFoundException) {
            return Problem.of(ProblemType.DEAD_LETTER_NOT_FOUND, failure.getMessage());
        }
        if (failure instanceof DeadLetterTooOldException) {
            return Problem.of(ProblemType.DEAD_LETTER_TOO_OLD, failure.getMessage());
        }
        if (failure instanceof ConstraintViolationException violations) {
            List<FieldError> errors = fieldErrors(violations);
            return Problem.of(ProblemType.VALIDATION_FAILED, errors.stream()
                    .map(error -> error.field() + " " + error.detail()).collect(Collectors.joining("; ")), errors);
        }
        // Before the JSON check: a reader cut off at the size limit reports that as unreadable JSON.
        Optional<Throwable> tooLarge = causeOfType(failure, RequestSizeLimit.BodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            return Problem.of(ProblemType.TOO_LARGE, tooLarge.get().getMessage());
        }
        Optional<Throwable> unreadable = causeOfType(failure, JsonbException.class, JsonParsingException.class);
        if (unreadable.isPresent()) {
            return Problem.of(ProblemType.MALFORMED_BODY,
                    "request body is not valid JSON for this resource: " + firstLine(unreadable.get().getMessage()));
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            String detail = firstLine(web.getMessage());
            return ProblemType.forStatus(status.getStatusCode())
                    .map(type -> Problem.of(type, detail))
                    .orElseGet(() -> Problem.untyped(status, detail));
        }
        // Anything else is our fault: log it whole, tell the client nothing of its insides.
        Problem problem = Problem.of(ProblemType.INTERNAL_ERROR, "the server failed to handle this request");
        LOG.log(Level.SEVERE, "unexpected failure " + problem.instance(), failure);
        return problem;
    }

    /** One entry per violation, ordered by field, so the list and the detail read the same way every time. */
    private static List<FieldError> fieldErrors(ConstraintViolationException violations) {
        return violations.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::detail))
                .toList();
    }

    /** The JSON field or query parameter, not the Java method path ("book.arg0.reservationCount"). */
    private static String fieldName(ConstraintViolation<?> violation) {
        String name = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY
                    || node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                name = node.getName();
            }
        }
        return name == null ? "request" : name;
    }

    @SafeVarargs
    private static Optional<Throwable> causeOfType(Throwable failure, Class<? extends Throwable>... types) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return Optional.of(t);
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
