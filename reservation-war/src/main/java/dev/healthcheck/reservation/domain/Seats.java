package dev.healthcheck.reservation.domain;

/** The seats reservation books, owned by schedule. Both calls are keyed by the reservation and safe to repeat. */
public interface Seats {

    /**
     * @throws NotEnoughSeatsException     fewer seats are left than asked for
     * @throws UnknownScheduleException    no such schedule
     * @throws ScheduleUnavailableException schedule did not answer in time; nothing may be assumed taken
     */
    SeatConfirmation take(long scheduleId, long reservationId, int count);

    void release(long scheduleId, long reservationId);
}
