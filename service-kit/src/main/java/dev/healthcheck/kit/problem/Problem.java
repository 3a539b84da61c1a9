package dev.healthcheck.kit.problem;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An RFC 9457 problem details body: what went wrong, in words a client can act on. {@code type} names
 * the kind of refusal ({@link ProblemType}); {@code instance} names this one occurrence, and the server
 * logs it with the refusal, so a client's complaint leads to the log line; {@code errors} lists the
 * fields a request got wrong (null, and so left out, when the refusal is not about fields).
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType JSON = MediaType.valueOf(MEDIA_TYPE);

    /** A booking refused for lack of seats: schedule's answer to reservation, and reservation's to its client. */
    public static final String NOT_ENOUGH_SEATS = ProblemType.NOT_ENOUGH_SEATS.uri();

    private static final Logger LOG = Logger.getLogger(Problem.class.getName());

    public static Problem of(ProblemType type, String detail) {
        return of(type, detail, null);
    }

    public static Problem of(ProblemType type, String detail, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status().getStatusCode(), detail,
                "urn:uuid:" + UUID.randomUUID(), errors);
    }

    /** A refusal of no kind of ours (a status JAX-RS gave that no {@link ProblemType} covers). */
    public static Problem untyped(Response.StatusType status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail,
                "urn:uuid:" + UUID.randomUUID(), null);
    }

    /** Logs this refusal with its instance id, then answers with it. */
    public Response.ResponseBuilder toResponse() {
        log();
        return Response.status(status).type(JSON).entity(this);
    }

    /** The log line that carries the instance id: a client quoting it finds this line. */
    public void log() {
        LOG.log(status >= 500 ? Level.WARNING : Level.INFO,
                () -> "refused " + status + " " + type + " " + instance + ": " + detail);
    }
}
