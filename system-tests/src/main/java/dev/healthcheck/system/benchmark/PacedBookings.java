package dev.healthcheck.system.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Bookings offered on a clock, not when the previous answer arrives: each is sent at its due time
 * whatever the earlier ones are doing, and timed from that due time, so a slow answer cannot hold
 * back (and hide) the ones behind it. Optionally each booked one is followed until its MyPage row is
 * there.
 */
final class PacedBookings {

    /** One booking: when it was due, answered (or -1) and seen on MyPage (or -1), in System.nanoTime(). */
    record Booking(long due, long answered, int status, long seen) {

        double latencyMs() {
            return (answered - due) / 1e6;
        }

        double lagMs() {
            return (seen - answered) / 1e6;
        }
    }

    private static final Duration MYPAGE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Between two reads of a booking's MyPage row: polled without pause, the bookings of one second at 50/s
     * kept dozens of GETs spinning against mypage, competing with the consumers whose work they wait for.
     */
    private static final Duration POLL_PAUSE = Duration.ofMillis(10);
    private static final Executor AFTER_POLL_PAUSE = CompletableFuture.delayedExecutor(POLL_PAUSE.toMillis(), TimeUnit.MILLISECONDS);

    private final Client alice;

    PacedBookings(Client alice) {
        this.alice = alice;
    }

    /** {@code rate} bookings a second for {@code seconds}; returns once every one is answered (or timed out). */
    List<Booking> offer(long scheduleId, int rate, int seconds, boolean followToMyPage) {
        long period = 1_000_000_000L / rate;
        long first = System.nanoTime() + period;
        List<CompletableFuture<Booking>> bookings = new ArrayList<>();
        for (int i = 0; i < rate * seconds; i++) {
            long due = first + i * period;
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            bookings.add(alice.postAsync(Benchmark.RESERVATION, "/reservations", Benchmark.booking(scheduleId))
                    .thenCompose(reply -> {
                        long answered = System.nanoTime();
                        if (!followToMyPage || reply.status() != 201) {
                            return CompletableFuture.completedFuture(new Booking(due, answered, reply.status(), -1));
                        }
                        return seenOnMyPage(reply.createdId(), answered + MYPAGE_TIMEOUT.toNanos())
                                .thenApply(seen -> new Booking(due, answered, reply.status(), seen));
                    })
                    .exceptionally(noAnswer -> new Booking(due, -1, 0, -1)));
        }
        return bookings.stream().map(CompletableFuture::join).toList();
    }

    /**
     * Polls with a pause of {@link #POLL_PAUSE} (a lag is known to within that and one GET, never less than
     * it was); -1 if the row is not there by the deadline.
     */
    private CompletableFuture<Long> seenOnMyPage(long reservationId, long deadline) {
        return alice.getAsync(Benchmark.MYPAGE, "/myPages/" + reservationId).thenCompose(reply -> {
            long now = System.nanoTime();
            if (reply.status() == 200) {
                return CompletableFuture.completedFuture(now);
            }
            return now > deadline ? CompletableFuture.completedFuture(-1L)
                    : CompletableFuture.runAsync(() -> { }, AFTER_POLL_PAUSE).thenCompose(paused -> seenOnMyPage(reservationId, deadline));
        });
    }
}
