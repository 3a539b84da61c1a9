package dev.healthcheck.system.benchmark;

import dev.healthcheck.system.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The parts of benchmark/run that wrk cannot do, against the running local system:
 * <ul>
 * <li>{@code prepare NAME...}: one schedule of the maximum capacity per name, and one booking of alice
 * whose MyPage row exists; prints shell assignments (SCHEDULE_NAME=id, MYPAGE_ID=id);</li>
 * <li>{@code lag SCHEDULE COUNT WORKERS RESULTS}: COUNT bookings, each timed from its 201 to its row in
 * GET /myPages/{id}; appends the percentiles to RESULTS and the raw lags beside it;</li>
 * <li>{@code paced SCHEDULE RATE SECONDS RESULTS}: RATE bookings a second offered on a clock (see
 * {@link PacedBookings}), each timed from its due time and followed to its MyPage row; appends the
 * answers' and the lags' percentiles to RESULTS;</li>
 * <li>{@code breaker-open SCHEDULE RATE SECONDS RESULTS}: with schedule frozen, waits until reservation's
 * circuit breaker around it is open, then offers RATE bookings a second on a clock; appends the
 * answers' percentiles;</li>
 * <li>{@code recover SCHEDULE}: books until a booking is taken again; prints the seconds it took;</li>
 * <li>{@code summary DIR}: the markdown summary of DIR (see {@link Summary}).</li>
 * </ul>
 */
public final class Benchmark {

    static final int SCHEDULE = 8081;
    static final int RESERVATION = 8082;
    static final int MYPAGE = 8084;
    /** schedule's validation allows at most this many seats per schedule (NewSchedule). */
    static final int MAX_CAPACITY = 100_000;

    private final Client admin;
    private final Client alice;

    private Benchmark(Properties dev) {
        this.admin = Client.as(dev, "admin");
        this.alice = Client.as(dev, "alice");
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: prepare NAME... | lag SCHEDULE COUNT WORKERS RESULTS"
                    + " | paced SCHEDULE RATE SECONDS RESULTS | breaker-open SCHEDULE RATE SECONDS RESULTS"
                    + " | recover SCHEDULE | summary DIR");
        }
        if (args[0].equals("summary")) {
            System.out.print(Summary.write(Path.of(args[1])));
            return;
        }
        var benchmark = new Benchmark(Layout.fromSystemProperties().devCredentials());
        switch (args[0]) {
            case "prepare" -> benchmark.prepare(Arrays.asList(args).subList(1, args.length));
            case "lag" -> benchmark.lag(Long.parseLong(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Path.of(args[4]));
            case "paced" -> benchmark.paced(Long.parseLong(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), Path.of(args[4]));
            case "breaker-open" -> benchmark.breakerOpen(Long.parseLong(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), Path.of(args[4]));
            case "recover" -> System.out.printf("%.1f%n", benchmark.recover(Long.parseLong(args[1])));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private void prepare(List<String> names) {
        // ids from the clock, so a run on kept data (without -Dfresh=true) does not meet its own schedules
        long base = System.currentTimeMillis() / 1000 * 100;
        var assignments = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            long id = base + i + 1;
            var reply = admin.post(SCHEDULE, "/schedules",
                    "{\"scheduleId\":" + id + ",\"availableCount\":" + MAX_CAPACITY + "}");
            if (reply.status() != 201) {
                throw new IllegalStateException("creating schedule " + id + ": " + reply.status() + " " + reply.body());
            }
            assignments.append("SCHEDULE_").append(names.get(i).toUpperCase().replace('-', '_')).append('=').append(id)
                    .append('\n');
        }
        long mypageId = book(base + 1);
        awaitMyPageRow(mypageId, Duration.ofSeconds(30));
        System.out.print(assignments.append("MYPAGE_ID=").append(mypageId).append('\n'));
    }

    private void lag(long scheduleId, int count, int workers, Path results) {
        var lags = new ConcurrentLinkedQueue<Long>();
        var remaining = new AtomicInteger(count);
        var failures = new LongAdder();
        long begin = System.nanoTime();
        List<Thread> threads = IntStream.range(0, workers).mapToObj(i -> new Thread(() -> {
            while (remaining.getAndDecrement() > 0) {
                try {
                    long id = book(scheduleId);
                    long booked = System.nanoTime();
                    awaitMyPageRow(id, Duration.ofSeconds(10));
                    lags.add(System.nanoTime() - booked);
                } catch (RuntimeException e) {
                    failures.increment();
                    System.err.println("lag: " + e.getMessage());
                }
            }
        })).toList();
        threads.forEach(Thread::start);
        threads.forEach(Benchmark::join);
        double seconds = (System.nanoTime() - begin) / 1e9;
        double[] ms = lags.stream().mapToDouble(nanos -> nanos / 1e6).sorted().toArray();
        write(results.resolveSibling("mypage-lag-ms.txt"),
                Arrays.stream(ms).mapToObj(v -> String.format("%.3f", v)).collect(Collectors.joining("\n", "", "\n")));
        new Result("mypage-lag", workers, seconds, ms.length, ms.length / seconds, ms.length / seconds,
                percentile(ms, 50), percentile(ms, 90), percentile(ms, 99), max(ms),
                0, 0, failures.sum(), "booked and seen=" + ms.length + " failed=" + failures.sum())
                .appendTo(results);
    }

    private void paced(long scheduleId, int rate, int seconds, Path results) {
        long clockMillis = System.currentTimeMillis();
        long clockNanos = System.nanoTime();
        var bookings = new PacedBookings(alice).offer(scheduleId, rate, seconds, true);
        answers("paced-" + rate, rate, seconds, bookings).appendTo(results);
        // each booking by its due time: shows whether slow answers come in bursts (a pause) or spread out,
        // and when, to set beside the servers' collections (gc-<pid>.log)
        long first = bookings.get(0).due();
        Instant firstDue = Instant.ofEpochMilli(clockMillis + (first - clockNanos) / 1_000_000);
        write(results.resolveSibling("paced-" + rate + "-timeline.tsv"), bookings.stream()
                .map(b -> String.format("%.3f\t%s\t%s", (b.due() - first) / 1e9,
                        b.answered() > 0 ? String.format("%.1f", b.latencyMs()) : "-",
                        b.seen() > 0 ? String.format("%.1f", b.lagMs()) : "-"))
                .collect(Collectors.joining("\n", "# due_s counts from " + firstDue + "\ndue_s\tlatency_ms\tmypage_lag_ms\n", "\n")));
        double[] lags = bookings.stream().filter(b -> b.seen() > 0).mapToDouble(PacedBookings.Booking::lagMs).sorted()
                .toArray();
        long unseen = bookings.stream().filter(b -> b.status() == 201 && b.seen() < 0).count();
        new Result("paced-" + rate + "-lag", rate, seconds, lags.length, lags.length / (double) seconds,
                lags.length / (double) seconds, percentile(lags, 50), percentile(lags, 90), percentile(lags, 99),
                max(lags), 0, 0, unseen, "seen=" + lags.length + " not seen within 10 s=" + unseen).appendTo(results);
    }

    /** Schedule is frozen by the caller (kill -STOP); measures only once the breaker is open. */
    private void breakerOpen(long scheduleId, int rate, int seconds, Path results) {
        awaitBreakerOpen(scheduleId, Duration.ofSeconds(60));
        answers("breaker-open", rate, seconds, new PacedBookings(alice).offer(scheduleId, rate, seconds, false))
                .appendTo(results);
    }

    /**
     * Waits for the breaker to open afresh (MP Fault Tolerance's opened counter in /metrics grows), so the
     * measurement starts with a whole open period: while schedule stays frozen it then alternates between
     * open (5 s) and half-open, whose trial call waits for its timeout and opens it again. The breaker
     * changes state only when called, so it is called meanwhile: one booking at a time.
     */
    private void awaitBreakerOpen(long scheduleId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        double before = breakerOpenings();
        do {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reservation's circuit breaker around schedule did not open within " + timeout);
            }
            alice.post(RESERVATION, "/reservations", booking(scheduleId));
        } while (breakerOpenings() <= before);
    }

    private double breakerOpenings() {
        return alice.text(RESERVATION, "/metrics").lines()
                .filter(line -> line.startsWith("ft_circuitbreaker_opened_total{") && line.contains("ScheduleSeats.take"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Latency from each booking's due time to its answer; unanswered ones (10 s) count as timeouts. */
    private static Result answers(String label, int rate, int seconds, List<PacedBookings.Booking> bookings) {
        double[] ms = bookings.stream().filter(b -> b.answered() > 0).mapToDouble(PacedBookings.Booking::latencyMs)
                .sorted().toArray();
        long ok = bookings.stream().filter(b -> b.status() / 100 == 2).count();
        long unanswered = bookings.size() - ms.length;
        String statuses = bookings.stream().filter(b -> b.answered() > 0)
                .collect(Collectors.groupingBy(PacedBookings.Booking::status, TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return new Result(label, rate, seconds, bookings.size(), bookings.size() / (double) seconds,
                ok / (double) seconds, percentile(ms, 50), percentile(ms, 90), percentile(ms, 99), max(ms), unanswered,
                0, ms.length - ok, statuses + " offered=" + rate + "/s");
    }

    private static double max(double[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    private double recover(long scheduleId) {
        long begin = System.nanoTime();
        long deadline = begin + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            var reply = alice.post(RESERVATION, "/reservations", booking(scheduleId));
            if (reply.status() == 201) {
                return (System.nanoTime() - begin) / 1e9;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("no booking was taken within 2 minutes after the stall");
    }

    /** One seat for alice, the id assigned by the server. */
    private long book(long scheduleId) {
        var reply = alice.post(RESERVATION, "/reservations", booking(scheduleId));
        if (reply.status() != 201) {
            throw new IllegalStateException("booking on schedule " + scheduleId + ": " + reply.status() + " " + reply.body());
        }
        return reply.createdId();
    }

    static String booking(long scheduleId) {
        return "{\"scheduleId\":" + scheduleId + ",\"reservationCount\":1}";
    }

    /** Polls without pause: the lag is measured to within one GET's round trip. */
    private void awaitMyPageRow(long reservationId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (alice.get(MYPAGE, "/myPages/" + reservationId).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reservation " + reservationId + " not on MyPage within " + timeout);
            }
        }
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
