package it.dev.healthcheck.system;

import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;

import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.TheSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault: an administrator's client registers one new schedule from many threads at the same moment.
 * Every request finds the id free; only one may create it. The losers once got a 500 (a duplicate key
 * at commit); each must be told 409, as a repeated registration is.
 */
@ExtendWith(TheSystem.class)
class ConcurrentRegistrationIT {

    private static final long FIRST_SCHEDULE_ID = 121;
    private static final int ROUNDS = 5;
    private static final int CLIENTS = 16;

    private final Api admin = Api.as("admin");

    @Test
    void simultaneousRegistrationsOfOneNewScheduleGiveOne201AndOnly409Problems() throws Exception {
        for (long scheduleId = FIRST_SCHEDULE_ID; scheduleId < FIRST_SCHEDULE_ID + ROUNDS; scheduleId++) {
            List<Api.Reply> replies = allAtOnce(scheduleId);
            System.out.println("ConcurrentRegistrationIT: schedule " + scheduleId + ": "
                    + replies.stream().map(Api.Reply::status).sorted().toList());

            assertThat(replies.stream().filter(reply -> reply.status() == 201)).as("registrations that created it")
                    .hasSize(1);
            replies.stream().filter(reply -> reply.status() != 201).forEach(ConcurrentRegistrationIT::assertDuplicate);
            assertDuplicate(register(scheduleId));
        }
    }

    /** CLIENTS registrations of one id, released together. */
    private List<Api.Reply> allAtOnce(long scheduleId) throws Exception {
        var start = new CountDownLatch(1);
        List<Callable<Api.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            calls.add(() -> {
                start.await();
                return register(scheduleId);
            });
        }
        var clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Api.Reply>> answers = calls.stream().map(clients::submit).toList();
            start.countDown();
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> answer : answers) {
                replies.add(answer.get());
            }
            return replies;
        } finally {
            clients.shutdownNow();
        }
    }

    private Api.Reply register(long scheduleId) {
        return admin.post(SCHEDULE, "/schedules", Map.of("scheduleId", scheduleId, "availableCount", 10));
    }

    private static void assertDuplicate(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
        assertThat(reply.json().getString("detail")).as(reply.toString()).contains("already registered");
    }
}
