package dev.healthcheck.kit.problem;

import dev.healthcheck.kit.deadletter.DeadLetterNotFoundException;
import dev.healthcheck.kit.deadletter.DeadLetterTooOldException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.function.Predicate;
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

    /**
     * When a client may try again after the database was out of reach: the pool opens a fresh connection
     * for the next request, and a database server restarting is back within seconds.
     */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    public static Response toResponse(Throwable failure) {
        Problem problem = problemFor(failure);
        Response.ResponseBuilder response = problem.toResponse();
        if (problem.type().equals(ProblemType.DATABASE_UNAVAILABLE.uri())) {
            response.header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS);
        }
        return response.build();
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
        // The database out of reach (restarting, failing over, the network between): not a defect, and the
        // transaction was rolled back, so the same request may simply be sent again.
        Optional<Throwable> unreachable = databaseOutOfReach(failure);
        if (unreachable.isPresent()) {
            Problem problem = Problem.of(ProblemType.DATABASE_UNAVAILABLE,
                    "this service cannot reach its database right now; send the same request again later");
            LOG.warning(() -> "database out of reach " + problem.instance() + ": " + firstLine(unreachable.get().getMessage()));
            return problem;
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

    /**
     * The JDBC failure in the chain that says the connection to the database failed: SQLSTATE class 08
     * (connection exception, as Derby's client and PostgreSQL's driver report a refused or broken
     * connection), 57P01 to 57P03 (PostgreSQL shutting down or starting), or the exceptions the JDBC API
     * has for it. Not a deadlock or a constraint: those are answered where they are understood.
     */
    static Optional<Throwable> databaseOutOfReach(Throwable failure) {
        return causeMatching(failure, t -> t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException
                || t instanceof SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]")));
    }

    @SafeVarargs
    private static Optional<Throwable> causeOfType(Throwable failure, Class<? extends Throwable>... types) {
        return causeMatching(failure, t -> Arrays.stream(types).anyMatch(type -> type.isInstance(t)));
    }

    /** The failure itself or the first of its causes that matches. */
    private static Optional<Throwable> causeMatching(Throwable failure, Predicate<Throwable> matches) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (matches.test(t)) {
                return Optional.of(t);
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
