package it.dev.healthcheck.system;

import static it.dev.healthcheck.system.support.Api.RESERVATION;
import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;

import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.RawHttp;
import it.dev.healthcheck.system.support.TheSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault: a logged-in customer books with a body far over the 16 KiB limit that no Content-Length gives
 * away: 50 MB chunked, and a gzip bomb (50 MB of zeros in about 50 KB). Both once ran reservation out
 * of heap (a 500 with an HTML page). Now both are refused without being read whole or inflated (413 or
 * 415 problem+json, or a hang-up), the heap stays within its bounds, and the next booking is served.
 */
@ExtendWith(TheSystem.class)
class HugeBodiesIT {

    private static final long SCHEDULE_ID = 110;
    private static final long FIFTY_MB = 50_000_000;
    private static final int BLOCK = 64 * 1024;
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    // A real booking whose one field goes on for 50 MB: a reader that buffers the body holds all of it.
    private static final String PREFIX = "{\"reservationId\":110001,\"scheduleId\":" + SCHEDULE_ID
            + ",\"reservationCount\":1,\"note\":\"";
    private static final String SUFFIX = "\"}";

    private final Api alice = Api.as("alice");

    @BeforeAll
    static void aScheduleToBook() {
        assertThat(Api.as("admin").post(SCHEDULE, "/schedules", Map.of("scheduleId", SCHEDULE_ID, "availableCount", 10))
                .status()).isEqualTo(201);
    }

    @Test
    void aFiftyMegabyteChunkedBookingIsCutOffAtTheLimitAndTheServerCarriesOn() throws Exception {
        long logFrom = logSize();
        double heapBefore = usedHeap();
        var outcome = RawHttp.send(RESERVATION, post("Transfer-Encoding: chunked"), chunked(FIFTY_MB));
        System.out.printf("HugeBodiesIT: 50 MB chunked: %s; used heap %.0f MB before, %.0f MB after%n",
                outcome, heapBefore / 1e6, usedHeap() / 1e6);

        assertRefused(outcome, 413);
        assertThat(outcome.bodyBytesSent()).as("body bytes the server let in before answering").isLessThan(FIFTY_MB);
        assertTheServerCarriesOn(logFrom, 110_002);
    }

    @Test
    void aGzipBombIsRefusedWithoutBeingInflated() throws Exception {
        long logFrom = logSize();
        byte[] bomb = gzipped(FIFTY_MB);
        double heapBefore = usedHeap();
        // Chunked, so no Content-Length gives its size away, compressed or not.
        var outcome = RawHttp.send(RESERVATION, post("Content-Encoding: gzip\r\nTransfer-Encoding: chunked"),
                new ByteArrayInputStream(concat(chunk(bomb), LAST_CHUNK)));
        System.out.printf("HugeBodiesIT: gzip bomb of %d bytes: %s; used heap %.0f MB before, %.0f MB after%n",
                bomb.length, outcome, heapBefore / 1e6, usedHeap() / 1e6);

        assertRefused(outcome, 415);
        assertTheServerCarriesOn(logFrom, 110_003);
    }

    private String post(String framing) {
        return "POST /reservations HTTP/1.1\r\nHost: localhost:" + RESERVATION + "\r\nAuthorization: "
                + alice.authorization() + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n" + framing;
    }

    /** Refused as expected, with a problem that says so; or the server hung up without reading on. */
    private static void assertRefused(RawHttp.Outcome outcome, int expectedStatus) {
        if (!outcome.answered()) {
            return;
        }
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(expectedStatus);
        assertThat(outcome.headers().get("content-type")).as(outcome.toString()).startsWith("application/problem+json");
        assertThat(outcome.body()).as(outcome.toString()).contains("\"status\":" + expectedStatus);
    }

    /** No OutOfMemoryError in reservation's log since {@code logFrom}, and a plain booking goes through. */
    private void assertTheServerCarriesOn(long logFrom, long nextReservationId) throws IOException {
        var log = TheSystem.get().server("reservation").messagesLog();
        String written;
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(logFrom);
            written = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(written).as("reservation's log during the request").doesNotContain("OutOfMemoryError");
        assertThat(alice.post(RESERVATION, "/reservations", Map.of("reservationId", nextReservationId,
                "scheduleId", SCHEDULE_ID, "reservationCount", 1)).status()).as("the next booking").isEqualTo(201);
    }

    private static long logSize() throws IOException {
        return Files.size(TheSystem.get().server("reservation").messagesLog());
    }

    /** reservation's used heap as its /metrics says (MicroProfile Metrics' base memory gauge). */
    private static double usedHeap() {
        var metrics = Api.anonymous().accepting("text/plain").get(RESERVATION, "/metrics?scope=base");
        Matcher used = Pattern.compile("^memory_usedHeap_bytes\\{[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(metrics.body());
        assertThat(used.find()).as("the heap gauge in " + metrics).isTrue();
        return Double.parseDouble(used.group(1));
    }

    /** PREFIX, {@code filler} letters and SUFFIX in chunked transfer coding, made as it is read. */
    private static InputStream chunked(long filler) {
        byte[] block = new byte[BLOCK];
        Arrays.fill(block, (byte) 'a');
        byte[] blockChunk = chunk(block);
        return new SequenceInputStream(new Enumeration<>() {
            long left = filler;
            int part;

            @Override
            public boolean hasMoreElements() {
                return part < 3;
            }

            @Override
            public InputStream nextElement() {
                if (part == 0) {
                    part++;
                    return new ByteArrayInputStream(chunk(PREFIX.getBytes(StandardCharsets.UTF_8)));
                }
                if (part == 1 && left > 0) {
                    left -= BLOCK;
                    return new ByteArrayInputStream(blockChunk);
                }
                part = 3;
                return new ByteArrayInputStream(concat(chunk(SUFFIX.getBytes(StandardCharsets.UTF_8)), LAST_CHUNK));
            }
        });
    }

    private static byte[] chunk(byte[] data) {
        return concat((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1), data,
                "\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** A booking whose note is {@code zeros} zeros, gzipped: about a thousand to one. */
    private static byte[] gzipped(long zeros) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out, BLOCK)) {
            gzip.write(PREFIX.getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[BLOCK];
            Arrays.fill(block, (byte) '0');
            for (long left = zeros; left > 0; left -= BLOCK) {
                gzip.write(block, 0, (int) Math.min(BLOCK, left));
            }
            gzip.write(SUFFIX.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
