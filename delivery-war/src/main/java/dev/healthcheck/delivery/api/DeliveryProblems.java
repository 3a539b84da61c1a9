package dev.healthcheck.delivery.api;

import dev.healthcheck.delivery.domain.DeliveryNotFoundException;
import dev.healthcheck.delivery.domain.MailOutConflictException;
import dev.healthcheck.kit.problem.ClientErrors;
import dev.healthcheck.kit.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every failure of delivery's API as problem+json. */
@Provider
public class DeliveryProblems implements ExceptionMapper<Exception> {

    /** Shipping or recording the arrival of a mail-out that was cancelled. */
    public static final String MAIL_OUT_CANCELLED = "urn:healthcheck:problem:mail-out-cancelled";
    /** Recording the arrival of a letter that has not been shipped. */
    public static final String NOT_SHIPPED = "urn:healthcheck:problem:mail-out-not-shipped";
    /** Shipping again with a tracking reference other than the one recorded. */
    public static final String OTHER_TRACKING_REFERENCE = "urn:healthcheck:problem:mail-out-shipped-with-another-reference";

    @Override
    public Response toResponse(Exception failure) {
        if (failure instanceof DeliveryNotFoundException) {
            return Problem.of(Response.Status.NOT_FOUND, failure.getMessage()).toResponse().build();
        }
        if (failure instanceof MailOutConflictException conflict) {
            String type = switch (conflict.reason()) {
                case CANCELLED -> MAIL_OUT_CANCELLED;
                case NOT_SHIPPED -> NOT_SHIPPED;
                case SHIPPED_WITH_ANOTHER_REFERENCE -> OTHER_TRACKING_REFERENCE;
            };
            return Problem.of(type, Response.Status.CONFLICT, failure.getMessage()).toResponse().build();
        }
        return ClientErrors.toResponse(failure);
    }
}
