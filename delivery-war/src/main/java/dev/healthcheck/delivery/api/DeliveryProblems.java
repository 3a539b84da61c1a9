package dev.healthcheck.delivery.api;

import dev.healthcheck.delivery.domain.DeliveryNotFoundException;
import dev.healthcheck.delivery.domain.MailOutConflictException;
import dev.healthcheck.kit.problem.ClientErrors;
import dev.healthcheck.kit.problem.Problem;
import dev.healthcheck.kit.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every failure of delivery's API as problem+json. */
@Provider
public class DeliveryProblems implements ExceptionMapper<Exception> {

    @Override
    public Response toResponse(Exception failure) {
        if (failure instanceof DeliveryNotFoundException) {
            return Problem.of(ProblemType.NOT_FOUND, failure.getMessage()).toResponse().build();
        }
        if (failure instanceof MailOutConflictException conflict) {
            ProblemType type = switch (conflict.reason()) {
                case CANCELLED -> ProblemType.MAIL_OUT_CANCELLED;
                case NOT_SHIPPED -> ProblemType.MAIL_OUT_NOT_SHIPPED;
                case SHIPPED_WITH_ANOTHER_REFERENCE -> ProblemType.MAIL_OUT_SHIPPED_WITH_ANOTHER_REFERENCE;
            };
            return Problem.of(type, failure.getMessage()).toResponse().build();
        }
        return ClientErrors.toResponse(failure);
    }
}
