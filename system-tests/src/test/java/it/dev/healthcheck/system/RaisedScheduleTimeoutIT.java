package it.dev.healthcheck.system;

import static it.dev.healthcheck.system.support.Api.RESERVATION;
import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthcheck.system.LibertyServer;
import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.TheSystem;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault: schedule frozen (kill -STOP) for 2.5 s while bookings wait on it. A second reservation server
 * whose seat-request timeout is raised to 5 s, through the one setting the chart sets, waits the stall
 * out and books; the system's own reservation server, at the default 1 s, gives up with 503. Before the
 * rest client's socket timeouts followed that setting, a fixed 1 s read timeout gave up for both.
 *
 * <p>The second server has its own database and no broker (its events stay in its outbox): it only
 * books, on a schedule of its own, with reservation ids nobody else uses.
 */
@ExtendWith(TheSystem.class)
class RaisedScheduleTimeoutIT {

    private static final int PATIENT_PORT = 8095;
    private static final long SCHEDULE_ID = 130;
    private static final long STALL_MILLIS = 2_500;
    private static LibertyServer patient;

    private final Api alice = Api.as("alice");

    @BeforeAll
    static void aReservationServerWithARaisedTimeout() {
        patient = TheSystem.get().server("reservation").replica("reservation-patient", PATIENT_PORT, Map.of(
                "DEV_HEALTHCHECK_RESERVATION_INFRASTRUCTURE_CLIENT_SCHEDULESEATS_TAKE_TIMEOUT_VALUE", "5000",
                "ARTEMIS_PORT", "61699"));
        patient.startWithoutAwaitingReadiness();
        assertThat(Api.as("admin").post(SCHEDULE, "/schedules", Map.of("scheduleId", SCHEDULE_ID, "availableCount", 10))
                .status()).isEqualTo(201);
    }

    @AfterAll
    static void stopIt() {
        if (patient != null) {
            patient.stop();
            patient.remove();
        }
    }

    @Test
    void aRaisedTimeoutWaitsOutAStallThatTheDefaultGivesUpOn() throws Exception {
        assertThat(book(PATIENT_PORT, 130_001).status()).as("a booking before the stall").isEqualTo(201);
        var schedule = TheSystem.get().server("schedule");

        long frozenAt = System.nanoTime();
        schedule.freeze();
        CompletableFuture<Timed> patientBooking;
        Timed hastyBooking;
        try {
            patientBooking = CompletableFuture.supplyAsync(() -> timed(PATIENT_PORT, 130_002));
            hastyBooking = timed(RESERVATION, 130_101);
            // The stall lasts well past the default timeout and well short of the raised one.
            Thread.sleep(Math.max(0, STALL_MILLIS - (System.nanoTime() - frozenAt) / 1_000_000));
        } finally {
            schedule.thaw();
        }
        Timed patientAnswer = patientBooking.join();
        System.out.println("RaisedScheduleTimeoutIT: default timeout " + hastyBooking + "; raised timeout " + patientAnswer);

        assertThat(hastyBooking.reply().status()).as("default timeout: " + hastyBooking).isEqualTo(503);
        assertThat(patientAnswer.reply().status()).as("raised timeout: " + patientAnswer).isEqualTo(201);
        assertThat(patientAnswer.millis()).as("the raised timeout's wait, ms").isGreaterThan(1_500);
    }

    private Api.Reply book(int port, long reservationId) {
        return alice.post(port, "/reservations", Map.of("reservationId", reservationId, "scheduleId", SCHEDULE_ID,
                "reservationCount", 1));
    }

    private Timed timed(int port, long reservationId) {
        long began = System.nanoTime();
        var reply = book(port, reservationId);
        return new Timed(reply, (System.nanoTime() - began) / 1_000_000);
    }

    private record Timed(Api.Reply reply, long millis) {
        @Override
        public String toString() {
            return reply.status() + " after " + millis + " ms";
        }
    }
}
