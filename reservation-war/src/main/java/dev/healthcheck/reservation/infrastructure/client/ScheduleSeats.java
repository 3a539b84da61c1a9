package dev.healthcheck.reservation.infrastructure.client;

import dev.healthcheck.reservation.domain.BookingRefusedException;
import dev.healthcheck.reservation.domain.SeatConfirmation;
import dev.healthcheck.reservation.domain.Seats;
import dev.healthcheck.reservation.domain.UnknownScheduleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Seats through schedule's REST API, guarded so a struggling schedule makes booking fail fast with a
 * retry hint instead of piling up: a timeout, a circuit breaker that stops calling for a while, a
 * bulkhead that caps calls in flight. Refusals (no seats, no schedule) are answers, not failures: they
 * neither open the breaker nor reach the fallback. Every limit can be set through MP Config, e.g.
 * {@code dev.healthcheck.reservation.infrastructure.client.ScheduleSeats/take/Timeout/value}.
 */
@ApplicationScoped
public class ScheduleSeats implements Seats {

    @Inject
    @RestClient
    ScheduleClient schedule;

    @Override
    @Timeout(value = 1000, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = BookingRefusedException.class)
    @Bulkhead(100)
    @Fallback(value = ScheduleUnavailable.class, skipOn = BookingRefusedException.class)
    public SeatConfirmation take(long scheduleId, long reservationId, int count, int attempt) {
        try {
            var hold = schedule.hold(scheduleId, reservationId, new ScheduleClient.SeatRequest(count, attempt));
            return new SeatConfirmation(hold.scheduleId(), hold.count(), hold.availableCount(), hold.date(),
                    hold.programme(), hold.location());
        } catch (ScheduleErrors.ScheduleNotFound e) {
            throw new UnknownScheduleException(scheduleId);
        }
    }
}
