package dev.healthcheck.reservation.api;

import dev.healthcheck.kit.problem.ClientErrors;
import dev.healthcheck.kit.problem.Problem;
import dev.healthcheck.reservation.domain.BookingInProgressException;
import dev.healthcheck.reservation.domain.NotEnoughSeatsException;
import dev.healthcheck.reservation.domain.ReservationConflictException;
import dev.healthcheck.reservation.domain.ReservationNotFoundException;
import dev.healthcheck.reservation.domain.ScheduleUnavailableException;
import dev.healthcheck.reservation.domain.UnknownScheduleException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every failure of reservation's API as problem+json: the domain's refusals, then the shared client errors. */
@Provider
public class ReservationProblems implements ExceptionMapper<Exception> {

    @Override
    public Response toResponse(Exception failure) {
        if (failure instanceof NotEnoughSeatsException) {
            return Problem.of(Problem.NOT_ENOUGH_SEATS, Response.Status.CONFLICT, failure.getMessage()).toResponse()
                    .build();
        }
        if (failure instanceof ReservationConflictException) {
            return Problem.of(Response.Status.CONFLICT, failure.getMessage()).toResponse().build();
        }
        if (failure instanceof BookingInProgressException) {
            return Problem.of(Response.Status.CONFLICT, failure.getMessage()).toResponse()
                    .header(HttpHeaders.RETRY_AFTER, 1)
                    .build();
        }
        if (failure instanceof UnknownScheduleException || failure instanceof ReservationNotFoundException) {
            return Problem.of(Response.Status.NOT_FOUND, failure.getMessage()).toResponse().build();
        }
        if (failure instanceof ScheduleUnavailableException unavailable) {
            return Problem.of(Response.Status.SERVICE_UNAVAILABLE, unavailable.getMessage()).toResponse()
                    .header(HttpHeaders.RETRY_AFTER, unavailable.retryAfterSeconds())
                    .build();
        }
        return ClientErrors.toResponse(failure);
    }
}
