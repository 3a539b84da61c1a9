package dev.healthcheck.schedule.api;

import dev.healthcheck.kit.problem.ClientErrors;
import dev.healthcheck.kit.problem.Problem;
import dev.healthcheck.schedule.domain.NotEnoughSeatsException;
import dev.healthcheck.schedule.domain.ScheduleConflictException;
import dev.healthcheck.schedule.domain.ScheduleNotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every failure of schedule's API as problem+json: the domain's refusals, then the shared client errors. */
@Provider
public class ScheduleProblems implements ExceptionMapper<Exception> {

    @Override
    public Response toResponse(Exception failure) {
        if (failure instanceof NotEnoughSeatsException) {
            return Problem.of(Problem.NOT_ENOUGH_SEATS, Response.Status.CONFLICT, failure.getMessage()).toResponse()
                    .build();
        }
        if (failure instanceof ScheduleConflictException) {
            return Problem.of(Response.Status.CONFLICT, failure.getMessage()).toResponse().build();
        }
        if (failure instanceof ScheduleNotFoundException) {
            return Problem.of(Response.Status.NOT_FOUND, failure.getMessage()).toResponse().build();
        }
        return ClientErrors.toResponse(failure);
    }
}
