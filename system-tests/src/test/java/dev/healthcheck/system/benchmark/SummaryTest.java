package dev.healthcheck.system.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.md's targets from a run's facts and results, without a system. */
class SummaryTest {

    @TempDir
    Path run;

    @Test
    void eachTargetOfTheIssueStandsBesideWhatTheRunMeasured() throws IOException {
        Files.writeString(run.resolve("facts.properties"), """
                start_s=25.0
                restart_s=31.5
                cpu_ms_post-10_schedule=1000
                cpu_ms_post-10_reservation=1000
                cpu_ms_post-10_delivery=1000
                cpu_ms_post-10_mypage=1000
                cpu_ms_post-10_broker=1000
                cpu_kernel_ms_post-10_schedule=400
                cpu_kernel_ms_post-10_reservation=250
                cpu_kernel_ms_post-10_delivery=250
                cpu_kernel_ms_post-10_mypage=250
                cpu_kernel_ms_post-10_broker=250
                rss_after_schedule=300000
                rss_after_reservation=300000
                rss_after_delivery=300000
                rss_after_mypage=300000
                rss_after_broker=200000
                """);
        for (Result result : new Result[] {
                new Result("post-100", 100, 20, 6000, 300, 300, 300, 400, 500, 600, 0, 0, 0, "201=6000"),
                new Result("post-10", 10, 20, 2000, 100, 100, 90, 95, 99, 120, 0, 0, 0, "201=2000"),
                new Result("paced-50", 50, 20, 1000, 50, 50, 20, 40, 80, 150, 0, 0, 0, "201=1000"),
                new Result("paced-50-lag", 50, 20, 1000, 50, 50, 60, 90, 140, 200, 0, 0, 0, ""),
                new Result("breaker-open", 50, 10, 500, 50, 0, 3, 5, 1001, 1002, 0, 0, 500, "503=500")}) {
            result.appendTo(run.resolve("results.tsv"));
        }

        String summary = Summary.write(run);

        assertThat(summary)
                .contains("| schedule | 1.0 | 0.5 | 40 % |")
                .contains("| **all five** | 5.0 | 2.5 | 28 % |")
                .contains("| `POST /reservations`, 100 conn.: ≥ 280/s (3× the original system's better run) | 300.0/s | met |")
                .contains("| … with no errors | 0 timeouts, socket errors or non-2xx | met |")
                .contains("| moonshot: 10× the original system's better run (930/s) | 300.0/s | **missed** |")
                .contains("| CPU per booking, all five processes, with its event backlog ≤ 8 ms | 2.5 ms | met |")
                .contains("| bookings offered at 50/s on a clock: p99 ≤ 100 ms | 80.0 ms | met |")
                .contains("| MyPage lag (201 → row visible) at 50/s: p99 ≤ 100 ms | 140.0 ms | **missed** |")
                .contains("| schedule frozen, breaker open: 503 p99 ≤ 50 ms | 1001.0 ms | **missed** |")
                .contains("| whole system up ≤ 30 s after the build (broker + servers) | 25.0 s | met |")
                .contains("| whole system up ≤ 30 s (started again, no build) | 31.5 s | **missed** |")
                .contains("| RSS of all five processes after the load ≤ 1.5 GiB | 1367.0 MiB | met |");
    }

    /** On PostgreSQL a booking's cost includes the database's own processes, which embedded Derby runs inside the servers. */
    @Test
    void onPostgreSqlTheDatabasesCpuCountsInTheCostOfABooking() throws IOException {
        Files.writeString(run.resolve("facts.properties"), """
                cpu_ms_post-10_schedule=1000
                cpu_ms_post-10_reservation=1000
                cpu_ms_post-10_delivery=1000
                cpu_ms_post-10_mypage=1000
                cpu_ms_post-10_broker=1000
                cpu_ms_post-10_postgresql=3000
                """);
        new Result("post-10", 10, 20, 2000, 100, 100, 90, 95, 99, 120, 0, 0, 0, "201=2000").appendTo(run.resolve("results.tsv"));

        assertThat(Summary.write(run))
                .contains("| postgresql | 3.0 | 1.5 | – |")
                .contains("| **all five and PostgreSQL** | 8.0 | 4.0 | – |")
                .contains("| CPU per booking, all five processes and PostgreSQL, with its event backlog ≤ 8 ms | 4.0 ms | met |");
    }

    @Test
    void aTargetWhoseRunIsMissingIsSaidToBeUnmeasured() throws IOException {
        Files.writeString(run.resolve("facts.properties"), "");

        assertThat(Summary.write(run)).contains("| breaker open: 503 p99 ≤ 50 ms | not measured in this run | |");
    }

    /** The recordings benchmark/run leaves beside the facts are read into a table of layers. */
    @Test
    void theJfrRecordingsOfTheRunShowWhereTheCpuGoes() throws Exception {
        Files.writeString(run.resolve("facts.properties"), "start_s=25.0\n");
        ProfileLayersTest.recordSpinning(run.resolve("reservation-post-100.jfr"));

        assertThat(Summary.write(run))
                .contains("## Where the CPU goes (JFR, post-100-jfr)")
                .contains("| layer | reservation |")
                .containsPattern("\\| healthcheck's own code \\| [0-9]+ % \\|")
                .doesNotContain("| layer | reservation | schedule |");
    }
}
