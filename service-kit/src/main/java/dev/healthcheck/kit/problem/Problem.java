package dev.healthcheck.kit.problem;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem details body: what went wrong, in words a client can act on. */
@JsonbPropertyOrder({"type", "title", "status", "detail"})
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType JSON = MediaType.valueOf(MEDIA_TYPE);

    public static Problem of(Response.StatusType status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail);
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(JSON).entity(this);
    }
}
