package dev.healthcheck.reservation.infrastructure.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * Started (/health/started) once {@link ScheduleWarmUp} is over, so the kubelet sends no booking to a pod
 * whose path to schedule is still cold: its readiness probe only begins after this. Over means warm, or
 * given up (schedule away or slow), which is logged and reported, not held against the pod.
 */
@Startup
@ApplicationScoped
public class ScheduleWarmUpCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(ScheduleWarmUpCheck.class.getName());

    @Inject
    ScheduleWarmUp warmUp;

    private volatile CompletableFuture<Integer> warm;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        warm = warmUp.callUntilWarm().toCompletableFuture().whenComplete((calls, failure) -> LOG.info(failure == null
                ? "the path to schedule is warm after " + calls + " calls"
                : "gave up warming the path to schedule, starting cold: " + failure));
    }

    @Override
    public HealthCheckResponse call() {
        CompletableFuture<Integer> current = warm;
        boolean over = current != null && current.isDone();
        return HealthCheckResponse.named("schedule-warm-up")
                .status(over)
                .withData("warm", over && !current.isCompletedExceptionally())
                .build();
    }
}
