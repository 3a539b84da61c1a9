package it.dev.healthcheck.system;

import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;

import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.Consistency;
import it.dev.healthcheck.system.support.Ledger;
import it.dev.healthcheck.system.support.NothingDeadLettered;
import it.dev.healthcheck.system.support.TheSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault: hundreds of customers book the last seats at the same moment. The original system accepted 205
 * of 400 one-seat bookings for 100 seats and refused the rest with 500.
 */
@ExtendWith({TheSystem.class, NothingDeadLettered.class})
class ConcurrentBookingIT {

    private static final long SCHEDULE_ID = 10;
    private static final int SEATS = 100;
    private static final int BOOKINGS = 500;
    /** reservation's Retry-After on a 503 (booking.retry-after-seconds), and how often a customer tries. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final int SENDS = 5;

    @Test
    void fiveHundredSimultaneousBookingsOfOneSeatTakeExactlyTheHundredSeats() throws Exception {
        var admin = Api.as("admin");
        assertThat(admin.post(SCHEDULE, "/schedules", Map.of("scheduleId", SCHEDULE_ID, "availableCount", SEATS))
                .status()).isEqualTo(201);
        var customers = List.of(Api.as("alice"), Api.as("bob"));
        var ledger = new Ledger(SCHEDULE_ID);

        List<Callable<Integer>> bookings = new ArrayList<>();
        for (int i = 1; i <= BOOKINGS; i++) {
            long reservationId = SCHEDULE_ID * 1_000 + i;
            Api customer = customers.get(i % 2);
            bookings.add(() -> bookAsTheContractsClientDoes(ledger, customer, reservationId));
        }
        // One thread per booking: all 500 requests are in flight together.
        ExecutorService clients = Executors.newFixedThreadPool(BOOKINGS);
        List<Integer> answers = new ArrayList<>();
        try {
            for (Future<Integer> answer : clients.invokeAll(bookings)) {
                answers.add(answer.get());
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.println("ConcurrentBookingIT: " + ledger);

        assertThat(ledger.bookingAnswers().keySet()).as("every answer, the first ones included").isSubsetOf(201, 409, 503);
        assertThat(answers).as("every booking's last answer is 201 or 409").containsOnly(201, 409);
        assertThat(answers.stream().filter(status -> status == 201)).hasSize(SEATS);
        var found = Consistency.awaitConsistent(ledger, SEATS, Duration.ofSeconds(60));
        assertThat(found).hasSize(SEATS);
        assertThat(admin.get(SCHEDULE, "/schedules/" + SCHEDULE_ID).json().getInt("availableCount")).isZero();
    }

    /**
     * One customer's booking, sent again after Retry-After while it is answered 503: the contract's "schedule
     * is overloaded, nothing was booked, try again later". Servers just restarted (in the pass on PostgreSQL,
     * by EveryServiceReplicatedIT just before) answered 7 of 500 so, their first calls to schedule slower
     * than reservation's 1 s timeout. The booking carries its id: sent again, it is never booked twice.
     */
    private static int bookAsTheContractsClientDoes(Ledger ledger, Api customer, long reservationId) throws InterruptedException {
        int status = ledger.book(customer, reservationId, 1);
        for (int send = 2; status == 503 && send <= SENDS; send++) {
            Thread.sleep(RETRY_AFTER.toMillis());
            status = ledger.book(customer, reservationId, 1);
        }
        return status;
    }
}
