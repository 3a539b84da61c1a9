package dev.healthcheck.reservation.infrastructure.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Calls schedule through reservation's own rest client until a call answers in under half the seat-request
 * timeout. A fresh JVM's first calls load and compile that whole path and took longer than the timeout: a
 * pod that took bookings at once timed out enough of them to open the circuit breaker, and answered 503
 * for about 10 s (seen in the chart-run test's rolling update). The call reads a seat hold: harmless.
 * Bounded: when schedule is away or stays slow, the pod starts cold rather than not at all.
 */
@ApplicationScoped
public class ScheduleWarmUp {

    private static final Logger LOG = Logger.getLogger(ScheduleWarmUp.class.getName());

    @Inject
    @RestClient
    ScheduleClient schedule;

    /** The same setting that bounds a seat request (see microprofile-config.properties). */
    @Inject
    @ConfigProperty(name = "dev.healthcheck.reservation.infrastructure.client.ScheduleSeats/take/Timeout/value",
            defaultValue = "1000")
    long timeoutMillis;

    private final AtomicInteger calls = new AtomicInteger();

    /** Completes with the number of calls it took once one answered fast enough; fails when it gave up. */
    @Asynchronous
    @Retry(maxRetries = -1, delay = 200, maxDuration = 60, durationUnit = ChronoUnit.SECONDS, jitter = 0)
    public CompletionStage<Integer> callUntilWarm() {
        int call = calls.incrementAndGet();
        long began = System.nanoTime();
        String answer;
        try {
            schedule.find(1, 1);
            answer = "answered";
        } catch (ScheduleErrors.ScheduleNotFound noSuchHold) {
            answer = "answered";
        } catch (RuntimeException unanswered) {
            answer = "failed (" + unanswered + ")";
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        LOG.info("warm-up call " + call + " to schedule " + answer + " in " + millis + " ms");
        if (!answer.equals("answered") || millis * 2 > timeoutMillis) {
            throw new IllegalStateException("warm-up call " + call + " to schedule: " + answer + " in " + millis + " ms");
        }
        return CompletableFuture.completedFuture(call);
    }
}
