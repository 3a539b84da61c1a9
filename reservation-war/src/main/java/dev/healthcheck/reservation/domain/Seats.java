package dev.healthcheck.reservation.domain;

/**
 * The seats reservation books, owned by schedule. A request is keyed by the reservation and its attempt:
 * repeating it never takes seats twice, and schedule refuses an attempt reservation has given up on.
 */
public interface Seats {

    /**
     * @throws NotEnoughSeatsException      fewer seats are left than asked for
     * @throws UnknownScheduleException     no such schedule
     * @throws ScheduleUnavailableException schedule did not answer in time; the seats may or may not be taken
     */
    SeatConfirmation take(long scheduleId, long reservationId, int count, int attempt);
}
