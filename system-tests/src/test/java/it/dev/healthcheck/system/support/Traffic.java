package it.dev.healthcheck.system.support;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady stream of customers booking one seat each and cancelling every third booking they got, on a
 * few client threads, until {@link #close}. Every answer (or its absence) goes into the {@link Ledger}.
 */
public final class Traffic implements AutoCloseable {

    private final Ledger ledger;
    private final AtomicLong nextId;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService clients;

    private Traffic(Ledger ledger, int clientCount) {
        this.ledger = ledger;
        this.nextId = new AtomicLong(ledger.scheduleId() * 100_000);
        this.clients = Executors.newFixedThreadPool(clientCount);
        var customers = List.of(Api.as("alice"), Api.as("bob"));
        for (int i = 0; i < clientCount; i++) {
            Api customer = customers.get(i % customers.size());
            clients.submit(() -> run(customer));
        }
    }

    public static Traffic start(Ledger ledger, int clientCount) {
        return new Traffic(ledger, clientCount);
    }

    private void run(Api customer) {
        int booked = 0;
        while (running.get()) {
            long id = nextId.incrementAndGet();
            int answer = ledger.book(customer, id, 1);
            if (answer == 201 && ++booked % 3 == 0) {
                ledger.cancel(customer, id);
            }
            // Like a polite client: refused for now (503) or no answer at all, come back a little later.
            pause(answer == 503 || answer == Ledger.NO_ANSWER ? 500 : 50);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the stream and waits for the requests in flight to be answered. */
    @Override
    public void close() {
        running.set(false);
        clients.shutdown();
        try {
            clients.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
