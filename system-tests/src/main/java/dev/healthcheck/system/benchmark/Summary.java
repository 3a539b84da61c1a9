package dev.healthcheck.system.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.Properties;

/**
 * summary.md of one benchmark directory: the machine, start-up, every run of results.tsv, the resident
 * memory of the five processes, where the four servers' CPU samples are (their JFR recordings)
 * and the targets of issue 17, each met or missed. benchmark/run writes the facts (facts.properties), the
 * runs (results.tsv) and the recordings; this only reads and compares.
 */
final class Summary {

    static final List<String> PROCESSES = List.of("schedule", "reservation", "delivery", "mypage", "broker");
    private static final String POSTGRESQL = "postgresql";

    /** The servers benchmark/run records JFR in, during post-100-jfr: the request side, then the event side. */
    static final List<String> PROFILED = List.of("reservation", "schedule", "delivery", "mypage");

    private final Properties facts;
    private final List<Result> results;
    private final Map<String, Map<String, Long>> profiles;

    private Summary(Properties facts, List<Result> results, Map<String, Map<String, Long>> profiles) {
        this.facts = facts;
        this.results = results;
        this.profiles = profiles;
    }

    static String write(Path dir) {
        Properties facts = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve("facts.properties"))) {
            facts.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path tsv = dir.resolve("results.tsv");
        Map<String, Map<String, Long>> profiles = new LinkedHashMap<>();
        for (String server : PROFILED) {
            Path recording = dir.resolve(server + "-post-100.jfr");
            if (Files.exists(recording)) {
                profiles.put(server, ProfileLayers.of(recording));
            }
        }
        String markdown = new Summary(facts, Files.exists(tsv) ? Result.readAll(tsv) : List.of(), profiles).markdown();
        try {
            Files.writeString(dir.resolve("summary.md"), markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return markdown;
    }

    private String markdown() {
        var out = new StringBuilder();
        out.append("# healthcheck benchmark ").append(fact("date")).append("\n\n")
                .append("Commit ").append(fact("commit")).append("; ").append(fact("nproc")).append(" cores, ")
                .append(fact("mem_total_gib")).append(" GiB memory; one synchronous 4 KiB disk write takes ")
                .append(fact("fsync_ms")).append(" ms; ").append(fact("wrk")).append(".\n")
                .append("Load average before: ").append(fact("load_before")).append("; after: ")
                .append(fact("load_after")).append(".\n\n");
        out.append("## Start-up\n\n| phase | seconds |\n| --- | ---: |\n")
                .append("| build (`mvn install -DskipTests -Prun -Dfresh=true` until it starts the broker) | ")
                .append(fact("build_s")).append(" |\n")
                .append("| broker + four servers, launch to all `/health/ready` (as LocalSystem reports) | ")
                .append(fact("start_s")).append(" |\n")
                .append("| whole command, launch to ready | ").append(fact("launch_to_ready_s")).append(" |\n")
                .append("| broker + four servers started again after the load, without a build | ")
                .append(fact("restart_s")).append(" |\n\n");
        out.append("## Runs\n\n")
                .append("wrk ").append(fact("wrk_options")).append("; latencies in ms; ok = 2xx answers.\n\n")
                .append("| run | conn. | s | requests | req/s | ok/s | p50 | p90 | p99 | max | timeouts | socket errors | non-2xx | statuses |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %d | %.0f | %.0f | %.1f | %.1f | %.1f | %.0f | %d | %d | %d | %s |%n",
                    r.label(), r.connections(), r.seconds(), r.requests(), r.perSecond(), r.okPerSecond(), r.p50(),
                    r.p90(), r.p99(), r.max(), r.timeouts(), r.socketErrors(), r.non2xx(), r.statuses()));
        }
        out.append("\nThe paced runs (`paced-50`, `breaker-open`) offer bookings on a clock instead of over")
                .append(" connections: their conn. column is the offered rate per second, their latency is timed from")
                .append(" each booking's due time, and `paced-50-lag` is the MyPage lag of the bookings of `paced-50`.\n");
        out.append("\nBefore the runs, a warm-up of ").append(fact("warmup_s"))
                .append(" s (bookings and every read above, 10 connections each) was not measured. Settling (the five")
                .append(" processes below 20 % of one core) took ").append(fact("settle_after_post-100_s"))
                .append(" s after post-100. After the schedule stall a booking was taken again after ")
                .append(fact("recovery_s")).append(" s.\n\n");
        out.append("## Resident memory (MiB)\n\n| process | after start | after the load |\n| --- | ---: | ---: |\n");
        long idleTotal = 0;
        long loadedTotal = 0;
        for (String process : PROCESSES) {
            long idle = number("rss_idle_" + process);
            long loaded = number("rss_after_" + process);
            idleTotal += idle;
            loadedTotal += loaded;
            out.append(String.format("| %s | %d | %d |%n", process, idle / 1024, loaded / 1024));
        }
        out.append(String.format("| **all five** | %d | %d |%n%n", idleTotal / 1024, loadedTotal / 1024));
        run("post-10").ifPresent(run -> out.append(cpuPerBooking(run)));
        if (!profiles.isEmpty()) {
            out.append(profile());
        }
        out.append(targets(loadedTotal / 1024));
        return out.toString();
    }

    /** CPU of each process during the run at 10 connections and until the event backlog settled. */
    private String cpuPerBooking(Result run) {
        double bookings = run.okPerSecond() * run.seconds();
        var out = new StringBuilder("## CPU per booking (post-10, until the backlog settled)\n\n"
                + "| process | CPU s | ms per booking | of which in the kernel |\n| --- | ---: | ---: | ---: |\n");
        long total = 0;
        long kernelTotal = 0;
        boolean kernelOfAll = true;
        for (String process : cpuMeasured()) {
            long ms = number("cpu_ms_post-10_" + process);
            total += ms;
            String kernelKey = "cpu_kernel_ms_post-10_" + process;
            kernelOfAll &= facts.containsKey(kernelKey);
            kernelTotal += facts.containsKey(kernelKey) ? number(kernelKey) : 0;
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %s |%n", process, ms / 1000.0, ms / bookings,
                    kernelShare(kernelKey, ms)));
        }
        return out.append(String.format(Locale.ROOT, "| **%s** | %.1f | %.1f | %s |%n%n", cpuTotalLabel(),
                total / 1000.0, total / bookings, kernelOfAll ? percent(kernelTotal, total) : "–")).toString();
    }

    /** System time (sockets, disk writes, waking threads) as a share of the process's CPU; "–" where not recorded. */
    private String kernelShare(String kernelKey, long ms) {
        return facts.containsKey(kernelKey) ? percent(number(kernelKey), ms) : "–";
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "–" : String.format(Locale.ROOT, "%.0f %%", 100.0 * part / whole);
    }

    private double cpuMsPerBooking(Result run) {
        return cpuMeasured().stream().mapToLong(process -> number("cpu_ms_post-10_" + process)).sum()
                / (run.okPerSecond() * run.seconds());
    }

    /** The five processes, and PostgreSQL's (its server and every backend) when the run was on it. */
    private List<String> cpuMeasured() {
        return withPostgreSql() ? Stream.concat(PROCESSES.stream(), Stream.of(POSTGRESQL)).toList() : PROCESSES;
    }

    private boolean withPostgreSql() {
        return facts.containsKey("cpu_ms_post-10_" + POSTGRESQL);
    }

    private String cpuTotalLabel() {
        return withPostgreSql() ? "all five and PostgreSQL" : "all five";
    }

    /** Each recorded server's JFR samples by layer, as shares of its samples; layers nobody sampled are left out. */
    private String profile() {
        var out = new StringBuilder("## Where the CPU goes (JFR, post-100-jfr)\n\n")
                .append("Execution samples of Java code by the innermost framework on the stack (the JDK's own frames")
                .append(" count for their caller); the collector, the JIT and the kernel are not sampled.\n\n| layer |");
        profiles.keySet().forEach(server -> out.append(' ').append(server).append(" |"));
        out.append("\n| --- |").append(" ---: |".repeat(profiles.size())).append('\n');
        Map<String, Long> totals = new LinkedHashMap<>();
        profiles.forEach((server, layers) -> totals.put(server, layers.values().stream().mapToLong(Long::longValue).sum()));
        profiles.values().stream().flatMap(layers -> layers.keySet().stream()).distinct()
                .filter(layer -> profiles.values().stream().anyMatch(layers -> layers.getOrDefault(layer, 0L) > 0))
                .forEach(layer -> {
                    out.append("| ").append(layer).append(" |");
                    profiles.forEach((server, layers) -> out.append(' ')
                            .append(percent(layers.getOrDefault(layer, 0L), totals.get(server))).append(" |"));
                    out.append('\n');
                });
        out.append("| *samples* |");
        totals.values().forEach(total -> out.append(' ').append(total).append(" |"));
        return out.append("\n\n").toString();
    }

    /** The targets of issue 17 ("a booking at a fraction of today's cost"), each beside what this run measured. */
    private String targets(double rssMiB) {
        var out = new StringBuilder("## Targets\n\n| target | measured | |\n| --- | --- | --- |\n");
        Optional<Result> booking = run("post-100");
        if (booking.isPresent()) {
            Result b = booking.get();
            target(out, "`POST /reservations`, 100 conn.: ≥ 280/s (3× the original system's better run)",
                    b.okPerSecond(), 280, true, "/s");
            long errors = b.timeouts() + b.socketErrors() + b.non2xx();
            out.append(String.format(Locale.ROOT, "| … with no errors | %d timeouts, socket errors or non-2xx | %s |%n",
                    errors, errors == 0 ? "met" : "**missed**"));
            target(out, "moonshot: 10× the original system's better run (930/s)", b.okPerSecond(), 930, true, "/s");
        } else {
            notMeasured(out, "`POST /reservations`, 100 conn.: ≥ 280/s");
        }
        run("post-10").ifPresentOrElse(
                run -> target(out, "CPU per booking, all five processes" + (withPostgreSql() ? " and PostgreSQL" : "")
                                + ", with its event backlog ≤ 8 ms",
                        cpuMsPerBooking(run), 8, false, " ms"),
                () -> notMeasured(out, "CPU per booking ≤ 8 ms"));
        run("paced-50").ifPresentOrElse(
                p -> target(out, "bookings offered at 50/s on a clock: p99 ≤ 100 ms", p.p99(), 100, false, " ms"),
                () -> notMeasured(out, "bookings offered at 50/s: p99 ≤ 100 ms"));
        run("paced-50-lag").ifPresentOrElse(
                l -> target(out, "MyPage lag (201 → row visible) at 50/s: p99 ≤ 100 ms", l.p99(), 100, false, " ms"),
                () -> notMeasured(out, "MyPage lag at 50/s: p99 ≤ 100 ms"));
        run("breaker-open").ifPresentOrElse(
                f -> target(out, "schedule frozen, breaker open: 503 p99 ≤ 50 ms", f.p99(), 50, false, " ms"),
                () -> notMeasured(out, "breaker open: 503 p99 ≤ 50 ms"));
        if (facts.containsKey("start_s")) {
            target(out, "whole system up ≤ 30 s after the build (broker + servers)", Double.parseDouble(fact("start_s")),
                    30, false, " s");
        }
        if (facts.containsKey("restart_s")) {
            target(out, "whole system up ≤ 30 s (started again, no build)", Double.parseDouble(fact("restart_s")), 30,
                    false, " s");
        }
        target(out, "RSS of all five processes after the load ≤ 1.5 GiB", rssMiB, 1536, false, " MiB");
        return out.toString();
    }

    private static void notMeasured(StringBuilder out, String what) {
        out.append("| ").append(what).append(" | not measured in this run | |\n");
    }

    private static void target(StringBuilder out, String what, double measured, double limit, boolean atLeast,
                               String unit) {
        boolean met = atLeast ? measured >= limit : measured <= limit;
        out.append(String.format(Locale.ROOT, "| %s | %.1f%s | %s |%n", what, measured, unit, met ? "met" : "**missed**"));
    }

    private Optional<Result> run(String label) {
        return results.stream().filter(r -> r.label().equals(label)).findFirst();
    }

    private long number(String key) {
        return Long.parseLong(facts.getProperty(key, "0").trim());
    }

    private String fact(String key) {
        return facts.getProperty(key, "?");
    }
}
