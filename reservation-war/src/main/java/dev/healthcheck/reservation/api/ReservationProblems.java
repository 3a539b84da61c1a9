package dev.healthcheck.reservation.api;

import dev.healthcheck.kit.problem.ClientErrors;
import dev.healthcheck.kit.problem.Problem;
import dev.healthcheck.kit.problem.ProblemType;
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
            return refuse(ProblemType.NOT_ENOUGH_SEATS, failure).build();
        }
        if (failure instanceof ReservationConflictException) {
            return refuse(ProblemType.RESERVATION_ID_TAKEN, failure).build();
        }
        if (failure instanceof BookingInProgressException) {
            return refuse(ProblemType.BOOKING_IN_PROGRESS, failure).header(HttpHeaders.RETRY_AFTER, 1).build();
        }
        if (failure instanceof UnknownScheduleException) {
            return refuse(ProblemType.UNKNOWN_SCHEDULE, failure).build();
        }
        if (failure instanceof ReservationNotFoundException) {
            return refuse(ProblemType.NOT_FOUND, failure).build();
        }
        if (failure instanceof ScheduleUnavailableException unavailable) {
            return refuse(ProblemType.SCHEDULE_UNAVAILABLE, failure)
                    .header(HttpHeaders.RETRY_AFTER, unavailable.retryAfterSeconds()).build();
        }
        return ClientErrors.toResponse(failure);
    }

    private static Response.ResponseBuilder refuse(ProblemType type, Exception failure) {
        return Problem.of(type, failure.getMessage()).toResponse();
    }
}
