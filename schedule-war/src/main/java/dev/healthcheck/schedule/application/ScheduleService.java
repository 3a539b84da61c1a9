package dev.healthcheck.schedule.application;

import dev.healthcheck.kit.EventPublisher;
import dev.healthcheck.kit.inbox.EventInbox;
import dev.healthcheck.kit.events.ReservationCancelled;
import dev.healthcheck.kit.events.ScheduleRegistered;
import dev.healthcheck.kit.events.SeatsReleased;
import dev.healthcheck.kit.events.SeatsTaken;
import dev.healthcheck.schedule.domain.Schedule;
import dev.healthcheck.schedule.domain.ScheduleConflictException;
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
            throw new ScheduleConflictException("scheduleId " + scheduleId + " is already registered");
        }
        Schedule schedule = new Schedule(scheduleId, capacity, date, programme, location);
        schedules.add(schedule);
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
     * Takes {@code count} seats for a reservation, at most once: a repeated request for the same
     * reservation returns the hold it already has.
     */
    public HoldOutcome hold(long scheduleId, long reservationId, int count) {
        Schedule schedule = schedules.findForUpdate(scheduleId)
                .orElseThrow(() -> new ScheduleNotFoundException(scheduleId));
        var existing = schedules.findHold(reservationId);
        if (existing.isPresent()) {
            SeatHold hold = existing.get();
            if (!hold.isSameRequest(scheduleId, count)) {
                throw new ScheduleConflictException("reservationId " + reservationId + " already "
                        + (hold.status() == SeatHold.Status.RELEASED ? "gave its seats back" : "holds other seats"));
            }
            return new HoldOutcome(hold, schedule, false);
        }
        SeatHold hold = SeatHold.take(schedule, reservationId, count);
        schedules.add(hold);
        events.publish(new SeatsTaken(UUID.randomUUID(), Instant.now(), scheduleId, reservationId, count,
                schedule.availableCount()));
        return new HoldOutcome(hold, schedule, true);
    }

    /** Gives a reservation's seats back, once; a release before any hold leaves a tombstone. */
    public void release(long scheduleId, long reservationId) {
        var schedule = schedules.findForUpdate(scheduleId);
        var existing = schedules.findHold(reservationId);
        if (existing.isEmpty()) {
            schedules.add(SeatHold.releasedBeforeTaken(reservationId, scheduleId));
            return;
        }
        SeatHold hold = existing.get();
        if (schedule.isPresent() && hold.release(schedule.get())) {
            events.publish(new SeatsReleased(UUID.randomUUID(), Instant.now(), scheduleId, reservationId,
                    hold.count(), schedule.get().availableCount()));
        }
    }

    /** A cancelled reservation gives its seats back; the inbox makes a redelivered cancellation a no-op. */
    public void releaseFor(ReservationCancelled cancelled) {
        if (inbox.firstDelivery(cancelled)) {
            release(cancelled.scheduleId(), cancelled.reservationId());
        }
    }

    public SeatHold findHold(long reservationId) {
        return schedules.findHold(reservationId).orElse(null);
    }

    /** The hold and the schedule after the request; {@code taken} is false for a repeated request. */
    public record HoldOutcome(SeatHold hold, Schedule schedule, boolean taken) {
    }
}
