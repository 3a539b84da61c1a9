package it.dev.healthcheck.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthcheck.kit.EventPublisher;
import dev.healthcheck.kit.inbox.AppliedEvent;
import dev.healthcheck.kit.inbox.EventInbox;
import dev.healthcheck.kit.lease.JobLease;
import dev.healthcheck.kit.outbox.CurrentTrace;
import dev.healthcheck.kit.outbox.OutboxEventPublisher;
import dev.healthcheck.kit.outbox.OutboxMessage;
import dev.healthcheck.kit.outbox.OutboxWritten;
import dev.healthcheck.kit.persistence.InstantConverter;
import dev.healthcheck.schedule.application.ScheduleService;
import dev.healthcheck.schedule.domain.NotEnoughSeatsException;
import dev.healthcheck.schedule.domain.Schedule;
import dev.healthcheck.schedule.domain.ScheduleConflictException;
import dev.healthcheck.schedule.domain.ScheduleExistsException;
import dev.healthcheck.schedule.domain.ScheduleNotFoundException;
import dev.healthcheck.schedule.domain.SeatHold;
import dev.healthcheck.schedule.infrastructure.jpa.ScheduleRepository;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seat holds inside the real schedule server: the real JPA provider, the real Derby database and its
 * row locks, the real transaction manager. No REST, no broker: the rules of taking seats, under load.
 * (JUnit's own assertions: Arquillian ships JUnit into the server, not AssertJ.)
 */
@ExtendWith(ArquillianExtension.class)
class SeatHoldIT {

    /** Ids far from anything the system tests use, different on every run. */
    private static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "schedule-it.war")
                .addClasses(ScheduleService.class, ScheduleService.HoldOutcome.class, ScheduleRepository.class,
                        ScheduleRepository.ScheduleFilter.class, Schedule.class, SeatHold.class,
                        SeatHold.Status.class, NotEnoughSeatsException.class, ScheduleNotFoundException.class,
                        ScheduleConflictException.class, ScheduleExistsException.class)
                .addPackage("dev.healthcheck.kit.events")
                // CurrentTrace without an implementation: events published untraced, no OpenTelemetry in the archive
                .addClasses(EventPublisher.class, OutboxEventPublisher.class, OutboxWritten.class, OutboxMessage.class,
                        CurrentTrace.class, EventInbox.class, AppliedEvent.class, JobLease.class, InstantConverter.class)
                .addAsResource("META-INF/persistence.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    ScheduleService schedules;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Test
    void concurrentHoldsNeverTakeMoreSeatsThanExist() throws Exception {
        long scheduleId = IDS.incrementAndGet();
        schedules.register(scheduleId, 10, null, "concurrency", null);

        List<Callable<Boolean>> bookings = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long reservationId = IDS.incrementAndGet();
            bookings.add(() -> {
                try {
                    schedules.hold(scheduleId, reservationId, 1, 1);
                    return true;
                } catch (NotEnoughSeatsException refused) {
                    return false;
                }
            });
        }
        long taken = 0;
        for (Future<Boolean> booking : executor.invokeAll(bookings)) {
            taken += booking.get() ? 1 : 0;
        }

        assertEquals(10, taken);
        assertEquals(0, schedules.find(scheduleId).availableCount());
    }

    @Test
    void aRepeatedHoldIsTheSameHoldAndTakesNothingMore() {
        long scheduleId = IDS.incrementAndGet();
        long reservationId = IDS.incrementAndGet();
        schedules.register(scheduleId, 100, null, null, null);

        assertTrue(schedules.hold(scheduleId, reservationId, 10, 1).taken());
        assertFalse(schedules.hold(scheduleId, reservationId, 10, 1).taken());
        assertEquals(90, schedules.find(scheduleId).availableCount());

        assertThrows(ScheduleConflictException.class, () -> schedules.hold(scheduleId, reservationId, 11, 1));
        assertEquals(90, schedules.find(scheduleId).availableCount());
    }

    @Test
    void releasingTwiceGivesTheSeatsBackOnce() {
        long scheduleId = IDS.incrementAndGet();
        long reservationId = IDS.incrementAndGet();
        schedules.register(scheduleId, 100, null, null, null);
        schedules.hold(scheduleId, reservationId, 10, 1);

        schedules.release(scheduleId, reservationId);
        schedules.release(scheduleId, reservationId);

        assertEquals(100, schedules.find(scheduleId).availableCount());
    }

    @Test
    void aReleaseThatOvertakesItsHoldStopsTheHoldForever() {
        long scheduleId = IDS.incrementAndGet();
        long reservationId = IDS.incrementAndGet();
        schedules.register(scheduleId, 100, null, null, null);

        schedules.release(scheduleId, reservationId);

        assertThrows(ScheduleConflictException.class, () -> schedules.hold(scheduleId, reservationId, 10, 1));
        assertEquals(100, schedules.find(scheduleId).availableCount());
    }

    @Test
    void anAbandonedAttemptGivesItsSeatsBackAndItsLateRequestTakesNothing() {
        long scheduleId = IDS.incrementAndGet();
        long reservationId = IDS.incrementAndGet();
        schedules.register(scheduleId, 100, null, null, null);
        schedules.hold(scheduleId, reservationId, 10, 1);

        schedules.abandon(scheduleId, reservationId, 1);
        assertEquals(100, schedules.find(scheduleId).availableCount());
        assertThrows(ScheduleConflictException.class, () -> schedules.hold(scheduleId, reservationId, 10, 1));
        assertEquals(100, schedules.find(scheduleId).availableCount());

        assertTrue(schedules.hold(scheduleId, reservationId, 10, 2).taken());
        assertEquals(90, schedules.find(scheduleId).availableCount());
    }

    @Test
    void aRefusedHoldChangesNothing() {
        long scheduleId = IDS.incrementAndGet();
        schedules.register(scheduleId, 5, null, null, null);

        assertThrows(NotEnoughSeatsException.class, () -> schedules.hold(scheduleId, IDS.incrementAndGet(), 6, 1));
        assertThrows(ScheduleNotFoundException.class, () -> schedules.hold(IDS.incrementAndGet(), IDS.incrementAndGet(), 1, 1));
        assertEquals(5, schedules.find(scheduleId).availableCount());
    }
}
