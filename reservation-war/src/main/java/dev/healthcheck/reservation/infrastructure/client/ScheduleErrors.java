package dev.healthcheck.reservation.infrastructure.client;

import dev.healthcheck.reservation.domain.NotEnoughSeatsException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns schedule's refusals into the domain's words. 404 is left to the caller, which knows the
 * schedule id; anything else stays a failure the circuit breaker counts.
 */
public class ScheduleErrors implements ResponseExceptionMapper<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(ScheduleErrors.class.getName());
    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public RuntimeException toThrowable(Response response) {
        if (response.getStatus() == Response.Status.CONFLICT.getStatusCode()) {
            Problem problem = problemOf(response);
            return dev.healthcheck.kit.problem.Problem.NOT_ENOUGH_SEATS.equals(problem.type())
                    ? new NotEnoughSeatsException(problem.detail())
                    // e.g. an attempt schedule already saw abandoned: not the customer's fault, a failure
                    : new IllegalStateException("schedule refused the seat request: " + problem.detail());
        }
        if (response.getStatus() == Response.Status.NOT_FOUND.getStatusCode()) {
            return new ScheduleNotFound();
        }
        return new IllegalStateException("schedule answered " + response.getStatus());
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    /** schedule's own words; read as text because the client has no reader for application/problem+json. */
    private static Problem problemOf(Response response) {
        try {
            return JSONB.fromJson(response.readEntity(String.class), Problem.class);
        } catch (RuntimeException unreadable) {
            LOG.log(Level.FINE, "unreadable problem from schedule", unreadable);
            return new Problem("about:blank", "schedule answered " + response.getStatus());
        }
    }

    public record Problem(String type, String detail) {
    }

    /** Marker for a 404 from schedule, translated by {@link ScheduleSeats}. */
    static class ScheduleNotFound extends RuntimeException {
        ScheduleNotFound() {
            super(null, null, false, false);
        }
    }
}
