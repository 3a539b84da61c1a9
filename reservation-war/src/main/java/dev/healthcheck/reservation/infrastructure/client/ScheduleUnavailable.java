package dev.healthcheck.reservation.infrastructure.client;

import dev.healthcheck.reservation.domain.SeatConfirmation;
import dev.healthcheck.reservation.domain.ScheduleUnavailableException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

/**
 * The fallback of a seat request schedule did not answer: nothing was booked, come back in
 * {@code booking.retry-after-seconds}. It keeps the failure (timeout, open breaker, full bulkhead,
 * refused connection) as the cause, so the log says why while the client gets one plain answer.
 */
@Dependent
public class ScheduleUnavailable implements FallbackHandler<SeatConfirmation> {

    @Inject
    @ConfigProperty(name = "booking.retry-after-seconds", defaultValue = "5")
    long retryAfterSeconds;

    @Override
    public SeatConfirmation handle(ExecutionContext context) {
        throw new ScheduleUnavailableException("schedule cannot take seats right now; nothing was booked, try again later",
                retryAfterSeconds, context.getFailure());
    }
}
