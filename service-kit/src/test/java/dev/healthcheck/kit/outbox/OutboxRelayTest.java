package dev.healthcheck.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthcheck.kit.events.Reserved;
import dev.healthcheck.kit.lease.JobLeases;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.jms.JMSRuntimeException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The relay's round-keeping, without a server: rounds run inline, the outbox is a list. */
class OutboxRelayTest {

    private final List<OutboxMessage> outbox = new ArrayList<>();
    private final List<OutboxMessage> sent = new ArrayList<>();
    private int outboxReads;
    private boolean brokerAway;
    /** Whether another replica is relaying: then this one may not take the outbox's lease. */
    private boolean otherReplicaRelaying;
    private int leasesHeld;
    /** Lease rows written: taken or renewed, and given back. */
    private int holds;
    private int releases;
    private final MovingClock clock = new MovingClock();

    @Test
    void aRoundTheExecutorRefusedDoesNotStopTheRelayForGood() {
        var refusals = new int[] {1};
        var relay = relay(round -> {
            if (refusals[0]-- > 0) {
                throw new RejectedExecutionException("executor saturated");
            }
            round.run();
        });
        outbox.add(event());

        relay.wake();
        assertThat(outboxReads).as("outbox reads after the refusal").isZero();
        relay.wake();
        assertThat(sent).as("sent by the next round").hasSize(1);
        assertThat(outbox).isEmpty();
    }

    @Test
    void aRoundThatFailedLeavesTheNextOneFreeToSendEverything() {
        var relay = relay(Runnable::run);
        outbox.add(event());
        outbox.add(event());

        brokerAway = true;
        relay.wake();
        assertThat(sent).isEmpty();
        assertThat(outbox).as("kept for the next round").hasSize(2);

        brokerAway = false;
        relay.wake();
        assertThat(sent).hasSize(2);
        assertThat(outbox).isEmpty();
    }

    @Test
    void whileAnotherReplicaRelaysThisOneSendsNothingAndTheNextFreeRoundSendsAll() {
        var relay = relay(Runnable::run);
        outbox.add(event());

        otherReplicaRelaying = true;
        relay.wake();
        assertThat(sent).isEmpty();
        assertThat(outbox).as("left to the replica that holds the outbox").hasSize(1);

        otherReplicaRelaying = false;
        relay.wake();
        assertThat(sent).hasSize(1);
    }

    @Test
    void aRoundReadsTheOutboxAgainOnlyAfterAFullBatch() {
        var relay = relay(Runnable::run);
        for (int i = 0; i < 23; i++) {
            outbox.add(event());
        }
        relay.wake();
        assertThat(sent).hasSize(23);
        assertThat(outboxReads).as("reads of the outbox: 10, 10 and the 3 left").isEqualTo(3);

        outbox.add(event());
        relay.wake();
        assertThat(sent).hasSize(24);
        assertThat(outboxReads).as("one read for a round of one event").isEqualTo(4);
    }

    @Test
    void aBusyRelayKeepsItsLeaseFromRoundToRoundAndRenewsItOnlyOnceHalfOfItIsGone() {
        var relay = relay(Runnable::run);
        for (int second = 0; second < 5; second++) {
            outbox.add(event());
            relay.wake();
            clock.advance(Duration.ofMillis(990));
        }
        assertThat(sent).hasSize(5);
        assertThat(holds).as("lease rows written in 5 rounds over 4.95 s of a 10 s lease").isEqualTo(1);
        assertThat(releases).isZero();

        clock.advance(Duration.ofMillis(100));
        outbox.add(event());
        relay.wake();
        assertThat(holds).as("renewed, half of it gone").isEqualTo(2);
        assertThat(leasesHeld).isEqualTo(1);
    }

    /** Another replica's commit may then relay at once, instead of waiting for this one's next tick. */
    @Test
    void aRelayWithNothingToSendForASafetyNetPeriodGivesItsLeaseBack() {
        var relay = relay(Runnable::run);
        outbox.add(event());
        relay.wake();

        clock.advance(Duration.ofMillis(100));
        relay.wake();
        assertThat(leasesHeld).as("a round that found the outbox empty right after one that sent").isEqualTo(1);

        clock.advance(Duration.ofMillis(500));
        relay.wake();
        assertThat(leasesHeld).as("600 ms without anything to send").isZero();
        assertThat(releases).isEqualTo(1);
    }

    @Test
    void aRoundThatFailedGivesItsLeaseBack() {
        var relay = relay(Runnable::run);
        outbox.add(event());
        brokerAway = true;

        relay.wake();

        assertThat(leasesHeld).as("another replica may try its own broker connection").isZero();
        assertThat(outbox).hasSize(1);
    }

    private OutboxRelay relay(Consumer<Runnable> execute) {
        var relay = new OutboxRelay();
        relay.batchSize = 10;
        relay.intervalMillis = 500;
        relay.leaseTime = Duration.ofSeconds(10);
        relay.clock = clock;
        relay.leases = new JobLeases() {
            @Override
            public boolean hold(String job, Duration time) {
                if (otherReplicaRelaying) {
                    return false;
                }
                holds++;
                leasesHeld = 1;
                return true;
            }

            @Override
            public void release(String job) {
                releases++;
                leasesHeld = 0;
            }
        };
        relay.executor = executor(execute);
        relay.store = new OutboxStore() {
            @Override
            public List<OutboxMessage> oldest(int max) {
                outboxReads++;
                return List.copyOf(outbox.subList(0, Math.min(max, outbox.size())));
            }

            @Override
            public void remove(List<Long> positions) {
                outbox.subList(0, positions.size()).clear();
            }
        };
        relay.sender = new TopicSender() {
            @Override
            public void send(List<OutboxMessage> batch) {
                if (brokerAway) {
                    throw new JMSRuntimeException("broker away");
                }
                sent.addAll(batch);
            }
        };
        relay.start(null);
        return relay;
    }

    /** A clock the test moves on. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** A managed executor that only knows execute(), which does what the test says. */
    private static ManagedExecutorService executor(Consumer<Runnable> execute) {
        return (ManagedExecutorService) Proxy.newProxyInstance(OutboxRelayTest.class.getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("execute")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    execute.accept((Runnable) args[0]);
                    return null;
                });
    }

    private static OutboxMessage event() {
        return new OutboxMessage(new Reserved(UUID.randomUUID(), Instant.now(), 7, 1, "alice", 1, null, null, null));
    }
}
