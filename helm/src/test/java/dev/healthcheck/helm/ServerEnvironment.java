package dev.healthcheck.helm;

import java.util.List;
import java.util.Locale;

/** The environment variables the Liberty servers read (server.xml variables and MicroProfile Config). */
final class ServerEnvironment {

    /** Settings every service reads from its ConfigMap. */
    static final List<String> CONFIG = List.of("HTTP_PORT", "ARTEMIS_HOST", "ARTEMIS_PORT", "ARTEMIS_USER", "DB_MODE",
            "DB_HOST", "DB_PORT", "DB_NAME", "OUTBOX_RELAY_INTERVAL_MS");

    static final String SCHEDULE_SEATS = "dev.healthcheck.reservation.infrastructure.client.ScheduleSeats";

    /** reservation's MP Fault Tolerance overrides of ScheduleSeats.take, as MP Config keys. */
    static final List<String> FAULT_TOLERANCE_KEYS = List.of(
            SCHEDULE_SEATS + "/take/Timeout/value",
            SCHEDULE_SEATS + "/take/CircuitBreaker/requestVolumeThreshold",
            SCHEDULE_SEATS + "/take/CircuitBreaker/failureRatio",
            SCHEDULE_SEATS + "/take/CircuitBreaker/delay",
            SCHEDULE_SEATS + "/take/Bulkhead/value");

    /** Settings only reservation reads. */
    static final List<String> RESERVATION_CONFIG = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("SCHEDULE_URL", "BOOKING_RETRY_AFTER_SECONDS"),
            FAULT_TOLERANCE_KEYS.stream().map(ServerEnvironment::environmentName)).toList();

    /** Settings only the reconciling services (schedule, delivery) read: where reservation is, and the timings. */
    static final List<String> RECONCILING_CONFIG = List.of("RESERVATION_URL", "RECONCILIATION_INTERVAL_SECONDS",
            "RECONCILIATION_GRACE_SECONDS");

    static final List<String> RECONCILING_SERVICES = List.of("schedule", "delivery");

    private ServerEnvironment() {
    }

    /** The environment variable MicroProfile Config reads for a key: non-alphanumerics as _, upper case. */
    static String environmentName(String configKey) {
        return configKey.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
