package dev.healthcheck.kit.problem;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
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
        if (failure instanceof ConstraintViolationException violations) {
            return Problem.of(Response.Status.BAD_REQUEST, describe(violations));
        }
        // Before the JSON check: a reader cut off at the size limit reports that as unreadable JSON.
        Optional<Throwable> tooLarge = causeOfType(failure, RequestSizeLimit.BodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, tooLarge.get().getMessage());
        }
        Optional<Throwable> unreadable = causeOfType(failure, JsonbException.class, JsonParsingException.class);
        if (unreadable.isPresent()) {
            return Problem.of(Response.Status.BAD_REQUEST,
                    "request body is not valid JSON for this resource: " + firstLine(unreadable.get().getMessage()));
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            return Problem.of(status, firstLine(web.getMessage()));
        }
        // Anything else is our fault: log it whole, tell the client nothing of its insides.
        LOG.log(Level.SEVERE, "unexpected failure", failure);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "the server failed to handle this request");
    }

    private static String describe(ConstraintViolationException violations) {
        return violations.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> fieldName(v) + " " + v.getMessage())
                .collect(Collectors.joining("; "));
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
