package dev.healthcheck.schedule.application;

import dev.healthcheck.kit.EventPublisher;
import dev.healthcheck.kit.inbox.EventInbox;
import dev.healthcheck.kit.events.BookingAbandoned;
import dev.healthcheck.kit.events.ReservationCancelled;
import dev.healthcheck.kit.events.SagaEvent;
import dev.healthcheck.kit.events.ScheduleRegistered;
import dev.healthcheck.kit.events.SeatsReleased;
import dev.healthcheck.kit.events.SeatsTaken;
import dev.healthcheck.schedule.domain.Schedule;
import dev.healthcheck.schedule.domain.ScheduleExistsException;
import dev.healthcheck.schedule.domain.ScheduleNotFoundException;
import dev.healthcheck.schedule.domain.SeatHold;
import dev.healthcheck.schedule.infrastructure.jpa.ScheduleRepository;
import dev.healthcheck.schedule.infrastructure.jpa.ScheduleRepository.ScheduleFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Schedule's use cases; each public method is one transaction, and raises its events inside it. */
@ApplicationScoped
@Transactional
public class ScheduleService {

    @Inject
    ScheduleRepository schedules;

    @Inject
    EventPublisher events;

    @Inject
    EventInbox inbox;

    public Schedule register(long scheduleId, int capacity, LocalDate date, String programme, String location) {
        if (schedules.exists(scheduleId)) {
            throw new ScheduleExistsException(scheduleId);
        }
        Schedule schedule = new Schedule(scheduleId, capacity, date, programme, location);
        if (!schedules.addNew(schedule)) {
            // A concurrent registration of the same id committed first.
            throw new ScheduleExistsException(scheduleId);
        }
        events.publish(new ScheduleRegistered(UUID.randomUUID(), Instant.now(), scheduleId, capacity,
                date, programme, location));
        return schedule;
    }


    public Schedule find(long scheduleId) {
        return schedules.find(scheduleId).orElseThrow(() -> new ScheduleNotFoundException(scheduleId));
    }

    public List<Schedule> search(ScheduleFilter filter, int page, int size) {
        return schedules.search(filter, page, size);
    }

    public long count(ScheduleFilter filter) {
        return schedules.count(filter);
    }

    /**
     * Takes {@code count} seats for one attempt to book a reservation, at most once: a repeated request
     * for the same reservation returns the hold it already has.
     */
    public HoldOutcome hold(long scheduleId, long reservationId, int count, int attempt) {
        Schedule schedule = schedules.findForUpdate(scheduleId)
                .orElseThrow(() -> new ScheduleNotFoundException(scheduleId));
        var existing = schedules.findHold(reservationId);
        SeatHold hold;
        boolean taken;
        if (existing.isPresent()) {
            hold = existing.get();
            taken = hold.requestAgain(schedule, count, attempt);
        } else {
            hold = SeatHold.take(schedule, reservationId, count, attempt);
            schedules.add(hold);
            taken = true;
        }
        if (taken) {
            events.publish(new SeatsTaken(UUID.randomUUID(), Instant.now(), scheduleId, reservationId, count,
                    schedule.availableCount()));
        }
        return new HoldOutcome(hold, schedule, taken);
    }

    /** The reservation was cancelled: its seats go back once, and it can never hold seats again. */
    public void release(long scheduleId, long reservationId) {
        fence(scheduleId, reservationId, SeatHold.EVERY_ATTEMPT);
    }

    /** reservation gave up on an attempt: what it took goes back, and that attempt is refused from now on. */
    public void abandon(long scheduleId, long reservationId, int attempt) {
        fence(scheduleId, reservationId, attempt);
    }

    /** Locks the schedule first, as {@link #hold} does, so a fence and a request for the same seats never interleave. */
    private void fence(long scheduleId, long reservationId, int upTo) {
        Optional<Schedule> schedule = schedules.findForUpdate(scheduleId);
        Optional<SeatHold> existing = schedules.findHold(reservationId);
        if (existing.isEmpty()) {
            // The fence overtook the request it fences: remember it, so that request takes nothing when it comes.
            schedules.add(SeatHold.fencedBeforeTaken(reservationId, scheduleId, upTo));
            return;
        }
        SeatHold hold = existing.get();
        if (schedule.isPresent() && hold.fence(schedule.get(), upTo)) {
            events.publish(new SeatsReleased(UUID.randomUUID(), Instant.now(), scheduleId, reservationId,
                    hold.count(), schedule.get().availableCount()));
        }
    }

    /** The saga's compensations, each applied once however often the broker delivers it. */
    public void apply(SagaEvent event) {
        if (!inbox.firstDelivery(event)) {
            return;
        }
        if (event instanceof ReservationCancelled cancelled) {
            release(cancelled.scheduleId(), cancelled.reservationId());
        } else if (event instanceof BookingAbandoned abandoned) {
            abandon(abandoned.scheduleId(), abandoned.reservationId(), abandoned.attempt());
        }
    }

    /** A page of holds unchanged since before {@code before}, for reconciliation. */
    public List<SeatHold> heldSince(Instant before, long afterReservationId, int max) {
        return schedules.heldSince(before, afterReservationId, max);
    }

    /**
     * Reconciliation gives back a hold whose booking is not RESERVED, if it is still as seen (see
     * {@link SeatHold#reclaim}); under the schedule's row lock, like every other change of its seats.
     *
     * @return whether seats went back now
     */
    public boolean reclaim(long scheduleId, long reservationId, int attemptSeen, Instant heldBefore) {
        Optional<Schedule> schedule = schedules.findForUpdate(scheduleId);
        Optional<SeatHold> hold = schedules.findHold(reservationId);
        if (schedule.isEmpty() || hold.isEmpty() || !hold.get().reclaim(schedule.get(), attemptSeen, heldBefore)) {
            return false;
        }
        events.publish(new SeatsReleased(UUID.randomUUID(), Instant.now(), scheduleId, reservationId,
                hold.get().count(), schedule.get().availableCount()));
        return true;
    }

    public SeatHold findHold(long reservationId) {
        return schedules.findHold(reservationId).orElse(null);
    }

    /** The hold and the schedule after the request; {@code taken} is false for a repeated request. */
    public record HoldOutcome(SeatHold hold, Schedule schedule, boolean taken) {
    }
}
