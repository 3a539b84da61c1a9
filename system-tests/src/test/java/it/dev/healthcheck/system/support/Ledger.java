package it.dev.healthcheck.system.support;

import static it.dev.healthcheck.system.support.Api.RESERVATION;
import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the clients of a fault test were told: the ground truth the system is held to afterwards. Every
 * answer is counted by status (-1: no answer at all, the connection failed).
 */
public final class Ledger {

    public static final int NO_ANSWER = -1;

    private final long scheduleId;
    private final Set<Long> attempted = ConcurrentHashMap.newKeySet();
    private final Set<Long> booked = ConcurrentHashMap.newKeySet();
    private final Set<Long> cancelAttempted = ConcurrentHashMap.newKeySet();
    private final Set<Long> cancelled = ConcurrentHashMap.newKeySet();
    private final Map<Integer, AtomicInteger> bookingAnswers = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> cancelAnswers = new ConcurrentHashMap<>();
    private final Map<Integer, Long> slowestBookingMillis = new ConcurrentHashMap<>();

    public Ledger(long scheduleId) {
        this.scheduleId = scheduleId;
    }

    /** An administrator opens the schedule with its seats; the ledger of a fault test on it starts empty. */
    public static Ledger forNewSchedule(long scheduleId, int seats) {
        assertThat(Api.as("admin").post(SCHEDULE, "/schedules",
                Map.of("scheduleId", scheduleId, "availableCount", seats)).status())
                .as("schedule %d opened", scheduleId).isEqualTo(201);
        return new Ledger(scheduleId);
    }

    public long scheduleId() {
        return scheduleId;
    }

    /** One POST of a one-seat booking; returns the status (or {@link #NO_ANSWER}). */
    public int book(Api customer, long reservationId, int seats) {
        attempted.add(reservationId);
        long began = System.nanoTime();
        int status = answer(() -> customer.post(RESERVATION, "/reservations",
                Map.of("reservationId", reservationId, "scheduleId", scheduleId, "reservationCount", seats)));
        slowestBookingMillis.merge(status, (System.nanoTime() - began) / 1_000_000, Math::max);
        count(bookingAnswers, status);
        if (status == 201 || status == 200) {
            booked.add(reservationId);
        }
        return status;
    }

    public int cancel(Api customer, long reservationId) {
        cancelAttempted.add(reservationId);
        int status = answer(() -> customer.delete(RESERVATION, "/reservations/" + reservationId));
        count(cancelAnswers, status);
        if (status == 200) {
            cancelled.add(reservationId);
        }
        return status;
    }

    /** Takes in what another ledger of the same schedule recorded, to check them together. */
    public Ledger absorb(Ledger other) {
        attempted.addAll(other.attempted);
        booked.addAll(other.booked);
        cancelAttempted.addAll(other.cancelAttempted);
        cancelled.addAll(other.cancelled);
        return this;
    }

    public Set<Long> attempted() {
        return Set.copyOf(attempted);
    }

    /** Acknowledged with 201 (or 200 for a repeat): must exist afterwards. */
    public Set<Long> booked() {
        return Set.copyOf(booked);
    }

    /** Acknowledged with 200: must be CANCELLED afterwards. */
    public Set<Long> cancelled() {
        return Set.copyOf(cancelled);
    }

    /** Cancellations sent, answered or not: only these may be CANCELLED. */
    public Set<Long> cancelAttempted() {
        return Set.copyOf(cancelAttempted);
    }

    public Map<Integer, Integer> bookingAnswers() {
        return snapshot(bookingAnswers);
    }

    /** The slowest answer with this status so far, in milliseconds (0 if none). */
    public long slowestBooking(int status) {
        return slowestBookingMillis.getOrDefault(status, 0L);
    }

    public Map<Integer, Integer> cancelAnswers() {
        return snapshot(cancelAnswers);
    }

    @Override
    public String toString() {
        return "schedule " + scheduleId + ": bookings sent " + attempted.size() + ", acknowledged " + booked.size()
                + ", answers " + bookingAnswers() + "; cancellations sent " + cancelAttempted.size()
                + ", acknowledged " + cancelled.size() + ", answers " + cancelAnswers();
    }

    private static int answer(java.util.function.Supplier<Api.Reply> call) {
        try {
            return call.get().status();
        } catch (UncheckedIOException | IllegalStateException noAnswer) {
            return NO_ANSWER;
        }
    }

    private static void count(Map<Integer, AtomicInteger> answers, int status) {
        answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    private static Map<Integer, Integer> snapshot(Map<Integer, AtomicInteger> answers) {
        Map<Integer, Integer> copy = new TreeMap<>();
        answers.forEach((status, n) -> copy.put(status, n.get()));
        return copy;
    }
}
