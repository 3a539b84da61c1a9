package dev.healthcheck.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutboxBacklogTest {

    private static final Instant WRITTEN = Instant.parse("2026-11-29T10:00:00Z");

    private OutboxBacklog.Waiting inTheTable = new OutboxBacklog.Waiting(0, null);
    private boolean databaseAway;
    private final OutboxBacklog backlog = new OutboxBacklog();

    {
        backlog.store = new OutboxStore() {
            @Override
            public OutboxBacklog.Waiting waiting() {
                if (databaseAway) {
                    throw new PersistenceException("database away");
                }
                return inTheTable;
            }
        };
    }

    @Test
    void nothingWaitsUntilCounted() {
        assertThat(backlog.events()).isZero();
        assertThat(backlog.oldestAge(WRITTEN)).isZero();
    }

    @Test
    void theBacklogIsWhatWaitedWhenCountedAndTheOldestAgesUntilItLeaves() {
        inTheTable = new OutboxBacklog.Waiting(3, WRITTEN);
        backlog.measure();
        assertThat(backlog.events()).isEqualTo(3);
        assertThat(backlog.oldestAge(WRITTEN.plusSeconds(42))).hasSeconds(42);

        inTheTable = new OutboxBacklog.Waiting(0, null);
        backlog.measure();
        assertThat(backlog.events()).isZero();
        assertThat(backlog.oldestAge(WRITTEN.plusSeconds(50))).isZero();
    }

    @Test
    void withTheDatabaseAwayTheLastFiguresStand() {
        inTheTable = new OutboxBacklog.Waiting(5, WRITTEN);
        backlog.measure();
        databaseAway = true;
        backlog.measure();
        assertThat(backlog.events()).isEqualTo(5);
    }
}
