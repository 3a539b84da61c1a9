package dev.healthcheck.schedule.api;

import dev.healthcheck.kit.problem.ClientErrors;
import dev.healthcheck.kit.problem.Problem;
import dev.healthcheck.kit.problem.ProblemType;
import dev.healthcheck.schedule.domain.NotEnoughSeatsException;
import dev.healthcheck.schedule.domain.ScheduleConflictException;
import dev.healthcheck.schedule.domain.ScheduleExistsException;
import dev.healthcheck.schedule.domain.ScheduleNotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every failure of schedule's API as problem+json: the domain's refusals, then the shared client errors. */
@Provider
public class ScheduleProblems implements ExceptionMapper<Exception> {

    @Override
    public Response toResponse(Exception failure) {
        ProblemType type;
        if (failure instanceof NotEnoughSeatsException) {
            type = ProblemType.NOT_ENOUGH_SEATS;
        } else if (failure instanceof ScheduleExistsException) {
            type = ProblemType.SCHEDULE_EXISTS;
        } else if (failure instanceof ScheduleConflictException) {
            type = ProblemType.SEAT_HOLD_CONFLICT;
        } else if (failure instanceof ScheduleNotFoundException) {
            type = ProblemType.UNKNOWN_SCHEDULE;
        } else {
            return ClientErrors.toResponse(failure);
        }
        return Problem.of(type, failure.getMessage()).toResponse().build();
    }
}
