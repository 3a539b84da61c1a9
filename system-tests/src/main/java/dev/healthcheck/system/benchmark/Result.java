package dev.healthcheck.system.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * One measured run: a line of results.tsv, written by benchmark/wrk.lua for the wrk runs and by
 * {@link Benchmark} for the MyPage lag. Latencies in milliseconds; ok = 2xx answers.
 */
record Result(String label, int connections, double seconds, long requests, double perSecond, double okPerSecond,
              double p50, double p90, double p99, double max, long timeouts, long socketErrors, long non2xx,
              String statuses) {

    static List<Result> readAll(Path tsv) {
        try {
            return Files.readAllLines(tsv).stream().filter(line -> !line.isBlank()).map(Result::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result parse(String line) {
        String[] f = line.split("\t", -1);
        return new Result(f[0], Integer.parseInt(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3]),
                Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]), Long.parseLong(f[10]),
                Long.parseLong(f[11]), Long.parseLong(f[12]), f.length > 13 ? f[13] : "");
    }

    void appendTo(Path tsv) {
        String line = String.format(Locale.ROOT, "%s\t%d\t%.1f\t%d\t%.1f\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%d\t%s%n",
                label, connections, seconds, requests, perSecond, okPerSecond, p50, p90, p99, max, timeouts,
                socketErrors, non2xx, statuses);
        try {
            Files.writeString(tsv, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
