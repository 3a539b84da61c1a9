package dev.healthcheck.kit.problem;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem details body: what went wrong, in words a client can act on. */
@JsonbPropertyOrder({"type", "title", "status", "detail"})
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType JSON = MediaType.valueOf(MEDIA_TYPE);

    /** A booking refused for lack of seats: schedule's answer to reservation, and reservation's to its client. */
    public static final String NOT_ENOUGH_SEATS = "urn:healthcheck:problem:not-enough-seats";

    public static Problem of(Response.StatusType status, String detail) {
        return of("about:blank", status, detail);
    }

    public static Problem of(String type, Response.StatusType status, String detail) {
        return new Problem(type, status.getReasonPhrase(), status.getStatusCode(), detail);
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(JSON).entity(this);
    }
}
