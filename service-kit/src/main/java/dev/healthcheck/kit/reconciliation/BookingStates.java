package dev.healthcheck.kit.reconciliation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The bookings a reconciliation compares its own records with, as reservation answers for them. */
@ApplicationScoped
public class BookingStates {

    /** Ids per request (reservation's limit). */
    public static final int BATCH = 100;

    @Inject
    @RestClient
    BookingStateClient reservation;

    /** Each known booking by its id; an id reservation never recorded is absent. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    public Map<Long, BookingState> of(List<Long> reservationIds) {
        if (reservationIds.isEmpty()) {
            return Map.of();
        }
        return reservation.of(reservationIds).stream()
                .collect(Collectors.toMap(BookingState::reservationId, Function.identity()));
    }
}
